-- django-th's tables, in the shape its migrations 0001..0013 (and th_evernote 0001) leave them on PostgreSQL.
-- Each table (with its constraints and indexes) is created only where it is absent; an existing django-th
-- database is never altered. Django supplies defaults in Python, so these tables have no DEFAULTs either.

DO $$ BEGIN
IF to_regclass('auth_user') IS NULL THEN
  CREATE TABLE auth_user (
    id serial PRIMARY KEY,
    password varchar(128) NOT NULL,
    last_login timestamptz NULL,
    is_superuser boolean NOT NULL,
    username varchar(150) NOT NULL CONSTRAINT auth_user_username_key UNIQUE,
    first_name varchar(150) NOT NULL,
    last_name varchar(150) NOT NULL,
    email varchar(254) NOT NULL,
    is_staff boolean NOT NULL,
    is_active boolean NOT NULL,
    date_joined timestamptz NOT NULL
  );
  CREATE INDEX auth_user_username_6821ab7c_like ON auth_user (username varchar_pattern_ops);
END IF;
END $$;

DO $$ BEGIN
IF to_regclass('django_th_servicesactivated') IS NULL THEN
  CREATE TABLE django_th_servicesactivated (
    id serial PRIMARY KEY,
    name varchar(200) NOT NULL CONSTRAINT django_th_servicesactivated_name_key UNIQUE,
    status boolean NOT NULL,
    auth_required boolean NOT NULL,
    description varchar(200) NOT NULL,
    self_hosted boolean NOT NULL
  );
  CREATE INDEX django_th_servicesactivated_name_like ON django_th_servicesactivated (name varchar_pattern_ops);
END IF;
END $$;

DO $$ BEGIN
IF to_regclass('django_th_userservice') IS NULL THEN
  CREATE TABLE django_th_userservice (
    id serial PRIMARY KEY,
    token varchar(255) NOT NULL,
    name_id varchar(200) NOT NULL
      CONSTRAINT django_th_userservic_name_id_e7bc6ac0_fk_django_th
      REFERENCES django_th_servicesactivated (name) DEFERRABLE INITIALLY DEFERRED,
    user_id integer NOT NULL
      CONSTRAINT django_th_userservice_user_id_fk_auth_user_id
      REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED,
    client_id varchar(255) NOT NULL,
    client_secret varchar(255) NOT NULL,
    host varchar(200) NOT NULL,
    password varchar(128) NOT NULL,
    username varchar(255) NOT NULL,
    duration varchar(1) NOT NULL,
    counter_ok integer NOT NULL,
    counter_ko integer NOT NULL
  );
  CREATE INDEX django_th_userservice_name_id ON django_th_userservice (name_id);
  CREATE INDEX django_th_userservice_name_id_like ON django_th_userservice (name_id varchar_pattern_ops);
  CREATE INDEX django_th_userservice_user_id ON django_th_userservice (user_id);
END IF;
END $$;

DO $$ BEGIN
IF to_regclass('django_th_triggerservice') IS NULL THEN
  CREATE TABLE django_th_triggerservice (
    id serial PRIMARY KEY,
    description varchar(200) NOT NULL,
    date_created date NOT NULL,
    date_triggered timestamptz NULL,
    status boolean NOT NULL,
    provider_id integer NOT NULL
      CONSTRAINT django_th_triggerservice_provider_id_fk REFERENCES django_th_userservice (id) DEFERRABLE INITIALLY DEFERRED,
    consumer_id integer NOT NULL
      CONSTRAINT django_th_triggerservice_consumer_id_fk REFERENCES django_th_userservice (id) DEFERRABLE INITIALLY DEFERRED,
    user_id integer NOT NULL
      CONSTRAINT django_th_triggerservice_user_id_fk REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED,
    date_result timestamptz NULL,
    result varchar(255) NOT NULL,
    provider_failed integer NOT NULL,
    consumer_failed integer NOT NULL,
    counter_ok integer NOT NULL,
    counter_ko integer NOT NULL
  );
  CREATE INDEX django_th_triggerservice_provider_id ON django_th_triggerservice (provider_id);
  CREATE INDEX django_th_triggerservice_consumer_id ON django_th_triggerservice (consumer_id);
  CREATE INDEX django_th_triggerservice_user_id ON django_th_triggerservice (user_id);
  CREATE INDEX django_th_triggerservice_provider_failed ON django_th_triggerservice (provider_failed);
  CREATE INDEX django_th_triggerservice_consumer_failed ON django_th_triggerservice (consumer_failed);
END IF;
END $$;

DO $$ BEGIN
IF to_regclass('django_th_rss') IS NULL THEN
  CREATE TABLE django_th_rss (
    id serial PRIMARY KEY,
    name varchar(255) NOT NULL,
    status boolean NOT NULL,
    description varchar(255) NOT NULL,
    url varchar(255) NOT NULL,
    trigger_id integer NOT NULL
      CONSTRAINT django_th_rss_trigger_id_fk REFERENCES django_th_triggerservice (id) DEFERRABLE INITIALLY DEFERRED,
    uuid uuid NOT NULL CONSTRAINT django_th_rss_uuid_1dfcb6a6_uniq UNIQUE
  );
  CREATE INDEX django_th_rss_trigger_id ON django_th_rss (trigger_id);
END IF;
END $$;

DO $$ BEGIN
IF to_regclass('django_th_evernote') IS NULL THEN
  CREATE TABLE django_th_evernote (
    id serial PRIMARY KEY,
    name varchar(255) NOT NULL,
    status boolean NOT NULL,
    description varchar(255) NOT NULL,
    tag varchar(80) NOT NULL,
    notebook varchar(80) NOT NULL,
    title varchar(80) NOT NULL,
    text text NOT NULL,
    trigger_id integer NOT NULL
      CONSTRAINT django_th_evernote_trigger_id_fk REFERENCES django_th_triggerservice (id) DEFERRABLE INITIALLY DEFERRED
  );
  CREATE INDEX django_th_evernote_trigger_id ON django_th_evernote (trigger_id);
END IF;
END $$;
