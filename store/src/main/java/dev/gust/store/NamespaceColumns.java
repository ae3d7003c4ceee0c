package dev.gust.store;

import dev.gust.core.Account;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The namespace a store view is bound to, as its SQL statements name it: the key columns {@code account_id} and
 * {@code region} that every regional table starts its primary key with. Immutable.
 *
 * @param account the account and region the view reads and writes
 */
record NamespaceColumns(Account account) {

    /** The columns, for an INSERT's column list. */
    static final String NAMES = "account_id, region";
    /** The condition that selects the view's namespace, with two parameters. */
    static final String MATCH = "account_id = ? AND region = ?";

    /** Binds the account id and the region to parameters {@code first} and {@code first + 1}. */
    void bind(PreparedStatement s, int first) throws SQLException {
        s.setString(first, account.accountId());
        s.setString(first + 1, account.region());
    }

    /** Binds the account id and the region to the statement's last two parameters, and returns the statement. */
    PreparedStatement bindLast(PreparedStatement s) throws SQLException {
        bind(s, s.getParameterMetaData().getParameterCount() - 1);
        return s;
    }
}
