package org.triggerhappy.camel.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** thc_article_claim: which trigger of a user delivers an article into a notebook (one note per article). */
public final class ArticleClaimRepository {

    /**
     * Claims the articles for the trigger, in the notebook it delivers into, inside the caller's transaction.
     *
     * @return the keys this trigger holds now (new claims and its own earlier ones); the others belong to another
     *         trigger of the user into the same notebook
     */
    public Set<String> claim(Connection c, int triggerId, int userId, Collection<String> articleKeys)
            throws SQLException {
        Set<String> held = new HashSet<>();
        if (articleKeys.isEmpty()) {
            return held;
        }
        // Sorted and distinct: every transaction locks keys in one order (no deadlock between two triggers), and
        // ON CONFLICT DO UPDATE may touch a row only once per statement.
        String[] keys = new TreeSet<>(articleKeys).toArray(String[]::new);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO thc_article_claim (user_id, notebook_key, article_key, trigger_id)"
                        + " SELECT ?, coalesce((SELECT lower(btrim(notebook)) FROM django_th_evernote"
                        + "   WHERE trigger_id = ? ORDER BY id LIMIT 1), ''), k, ?"
                        + " FROM unnest(?::text[]) WITH ORDINALITY AS u(k, n) ORDER BY n"
                        + " ON CONFLICT (user_id, notebook_key, article_key) DO UPDATE SET trigger_id = EXCLUDED.trigger_id"
                        + " WHERE thc_article_claim.trigger_id = EXCLUDED.trigger_id"
                        + " RETURNING article_key")) {
            ps.setInt(1, userId);
            ps.setInt(2, triggerId);
            ps.setInt(3, triggerId);
            ps.setArray(4, c.createArrayOf("text", keys));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add(rs.getString(1));
                }
            }
        }
        return held;
    }
}
