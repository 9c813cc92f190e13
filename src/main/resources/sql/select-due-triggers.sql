SELECT t.id AS trigger_id,
       t.user_id AS user_id,
       t.description AS description,
       t.date_created AS date_created,
       t.date_triggered AS date_triggered,
       r.url AS feed_url,
       ts.poll_interval_seconds AS poll_interval_seconds,
       ts.full_content AS full_content,
       ts.article_selector AS article_selector,
       to_json(ts.keep_rules)::text AS keep_rules,
       to_json(ts.block_rules)::text AS block_rules,
       ts.title_template AS title_template
FROM django_th_triggerservice t
JOIN auth_user u ON u.id = t.user_id AND u.is_active
JOIN django_th_userservice p ON p.id = t.provider_id AND p.name_id = :#${exchangeProperty.providerService}
JOIN django_th_userservice c ON c.id = t.consumer_id AND c.name_id = :#${exchangeProperty.consumerService}
JOIN django_th_servicesactivated sp ON sp.name = p.name_id AND sp.status
JOIN django_th_servicesactivated sc ON sc.name = c.name_id AND sc.status
JOIN LATERAL (SELECT url FROM django_th_rss WHERE trigger_id = t.id ORDER BY id LIMIT 1) r ON true
LEFT JOIN thc_feed_state fs ON fs.trigger_id = t.id
LEFT JOIN thc_trigger_settings ts ON ts.trigger_id = t.id
WHERE t.status
  AND (:#${exchangeProperty.force} OR fs.next_check_at IS NULL OR fs.next_check_at <= now())
  AND (fs.claimed_until IS NULL OR fs.claimed_until < now())
ORDER BY fs.next_check_at NULLS FIRST, t.id
