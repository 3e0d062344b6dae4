namespace Monitor.EventStore.Schema;

/// <summary>The store's schema, as numbered migrations. Never edit a released step; add a new one.</summary>
internal static class SchemaSql
{
    public static IReadOnlyList<(int Version, string Sql)> Migrations(string s) =>
    [
        (1, $"""
            CREATE TABLE {s}.streams (
                id        uuid        PRIMARY KEY,
                type      text        NOT NULL,
                version   integer     NOT NULL,
                created   timestamptz NOT NULL DEFAULT now(),
                updated   timestamptz NOT NULL DEFAULT now(),
                archived  boolean     NOT NULL DEFAULT false
            );

            CREATE SEQUENCE {s}.events_seq;

            CREATE TABLE {s}.events (
                seq_id     bigint      PRIMARY KEY DEFAULT nextval('{s}.events_seq'),
                id         uuid        NOT NULL UNIQUE,
                stream_id  uuid        NOT NULL,
                version    integer     NOT NULL,
                type       text        NOT NULL,
                data       jsonb       NOT NULL,
                headers    jsonb,
                tx_id      xid8        NOT NULL DEFAULT pg_current_xact_id(),
                timestamp  timestamptz NOT NULL DEFAULT now(),
                archived   boolean     NOT NULL DEFAULT false,
                UNIQUE (stream_id, version)
            );
            ALTER SEQUENCE {s}.events_seq OWNED BY {s}.events.seq_id;
            -- No foreign key to streams: append_events is the only writer and creates the stream row
            -- under its lock first; the per-row check would more than double the cost of an insert.

            -- the global log is read in (tx_id, seq_id) order
            CREATE INDEX events_position ON {s}.events (tx_id, seq_id);

            CREATE TABLE {s}.subscriptions (
                name     text        PRIMARY KEY,
                tx_id    xid8        NOT NULL DEFAULT '0',
                seq_id   bigint      NOT NULL DEFAULT 0,
                updated  timestamptz NOT NULL DEFAULT now()
            );

            """),
        (2, $"""
            -- schemas made by the first cut of version 1 carried these; both are gone
            ALTER TABLE {s}.events DROP CONSTRAINT IF EXISTS events_stream_id_fkey;
            DROP FUNCTION IF EXISTS {s}.append_events(uuid[], text[], bigint[], integer[], uuid[], text[], jsonb[], jsonb[]);
            """),
        (3, $"""
            -- The version of the projection whose read model a checkpoint belongs to (Projection.Version).
            -- Rows from before this column were made by version 1 of every projection, so the default
            -- makes a projection that has since been raised rebuild once, and leaves the others be.
            ALTER TABLE {s}.subscriptions ADD COLUMN version integer NOT NULL DEFAULT 1;
            """),
    ];

    /// <summary>
    /// The store's functions are code, not data: replaced on every start (under the schema lock), so a
    /// release's new function bodies apply without a numbered migration.
    /// </summary>
    public static string Functions(string s) =>
        $"""
            -- Appends to many streams in one statement, set-based. Per stream: id, type, expected
            -- version (-1 any, 0 no stream, n exactly n) and event count; per event, grouped by stream
            -- in the same order: the 1-based index of its stream, its ordinal within that stream's
            -- events, id, type, data, headers. Returns per stream a status (0 appended, 1 duplicate,
            -- 2 conflict, 3 archived) and a version (after the append; of the last duplicate; actual).
            CREATE OR REPLACE FUNCTION {s}.append_events(
                p_stream_ids uuid[], p_stream_types text[], p_expected bigint[], p_counts integer[],
                p_event_streams integer[], p_ordinals integer[],
                p_ids uuid[], p_types text[], p_data jsonb[], p_headers jsonb[])
            RETURNS TABLE (o_stream_id uuid, o_status integer, o_version integer)
            LANGUAGE plpgsql
            -- A batch holds at most a few thousand keys against tables of millions of rows: index
            -- lookups are always right. Without this, the planner's default estimate for
            -- generate_subscripts (1,000 rows) led it to hash joins that scan streams and events
            -- in full, so every batch grew slower as the store grew.
            SET enable_hashjoin = off SET enable_mergejoin = off
            AS $fn$
            DECLARE
                v_base         integer[];
                v_status       integer[];
                v_version      integer[];
                v_found        bigint[];
                v_foreign      bigint[];
                v_dup_version  integer[];
                v_bad          integer;
                v_created      uuid[];
            BEGIN
                -- Row locks serialise writers of a stream, and everything below is decided under
                -- them, before a sequence number is taken, so a losing writer burns none. Streams
                -- are taken in id order (the caller sorts them) so two batches cannot deadlock.
                -- Streams that must exist are locked as they are; the others are created or, when
                -- present, only locked: ON CONFLICT DO UPDATE ... WHERE false locks without writing.
                PERFORM 1 FROM {s}.streams st
                  WHERE st.id = ANY (ARRAY(SELECT p_stream_ids[i] FROM generate_subscripts(p_stream_ids, 1) i WHERE p_expected[i] > 0))
                  ORDER BY st.id FOR UPDATE;
                -- A stream created here gets its final version at once; RETURNING names only those.
                WITH created AS (
                    INSERT INTO {s}.streams AS st (id, type, version)
                    SELECT p_stream_ids[i], p_stream_types[i], p_counts[i] FROM generate_subscripts(p_stream_ids, 1) i
                     WHERE p_expected[i] <= 0 ORDER BY p_stream_ids[i]
                    ON CONFLICT (id) DO UPDATE SET version = st.version WHERE false
                    RETURNING st.id)
                SELECT coalesce(array_agg(id), ARRAY[]::uuid[]) INTO v_created FROM created;

                -- A redelivered append: its ids are stored already. Checked before the version, so a
                -- retry of an append whose commit was not acknowledged reads as success.
                SELECT array_agg(coalesce(d.found, 0) ORDER BY r.i), array_agg(coalesce(d.foreign_found, 0) ORDER BY r.i),
                       array_agg(d.max_version ORDER BY r.i)
                  INTO v_found, v_foreign, v_dup_version
                  FROM generate_subscripts(p_stream_ids, 1) AS r (i)
                  LEFT JOIN (SELECT u.sidx, count(*) AS found, max(e.version) AS max_version,
                                    count(*) FILTER (WHERE e.stream_id <> p_stream_ids[u.sidx]) AS foreign_found
                               FROM unnest(p_ids, p_event_streams) AS u (id, sidx)
                               JOIN {s}.events e ON e.id = u.id
                              GROUP BY u.sidx) d ON d.sidx = r.i;
                SELECT r.i INTO v_bad FROM generate_subscripts(p_stream_ids, 1) AS r (i)
                 WHERE v_found[r.i] > 0 AND (v_found[r.i] < p_counts[r.i] OR v_foreign[r.i] > 0) LIMIT 1;
                IF FOUND THEN
                    RAISE EXCEPTION USING ERRCODE = 'ES001', MESSAGE = format(
                        'append to stream %s: %s of its %s event ids are already stored%s; a re-append must repeat exactly the same events',
                        p_stream_ids[v_bad], v_found[v_bad], p_counts[v_bad],
                        CASE WHEN v_foreign[v_bad] > 0 THEN format(' (%s in other streams)', v_foreign[v_bad]) ELSE '' END);
                END IF;

                SELECT array_agg(x.base ORDER BY x.i), array_agg(x.status ORDER BY x.i), array_agg(x.version ORDER BY x.i)
                  INTO v_base, v_status, v_version
                  FROM (SELECT r.i,
                               CASE WHEN st.id = ANY (v_created) THEN 0 ELSE coalesce(st.version, 0) END AS base,
                               CASE WHEN st.id = ANY (v_created) THEN 0
                                    WHEN st.id IS NULL THEN 2
                                    WHEN v_found[r.i] > 0 THEN 1
                                    WHEN st.archived THEN 3
                                    WHEN p_expected[r.i] >= 0 AND p_expected[r.i] <> st.version THEN 2
                                    ELSE 0 END AS status,
                               CASE WHEN st.id = ANY (v_created) THEN p_counts[r.i]
                                    WHEN st.id IS NULL THEN 0
                                    WHEN v_found[r.i] > 0 THEN v_dup_version[r.i]
                                    WHEN st.archived THEN st.version
                                    WHEN p_expected[r.i] >= 0 AND p_expected[r.i] <> st.version THEN st.version
                                    ELSE st.version + p_counts[r.i] END AS version
                          FROM generate_subscripts(p_stream_ids, 1) AS r (i)
                          LEFT JOIN {s}.streams st ON st.id = p_stream_ids[r.i]) x;

                INSERT INTO {s}.events (id, stream_id, version, type, data, headers)
                SELECT u.id, p_stream_ids[u.sidx], v_base[u.sidx] + u.ord, u.type, u.data, u.headers
                  FROM unnest(p_ids, p_event_streams, p_ordinals, p_types, p_data, p_headers)
                       AS u (id, sidx, ord, type, data, headers)
                 WHERE v_status[u.sidx] = 0;

                UPDATE {s}.streams st SET version = v_version[r.i], updated = now()
                  FROM generate_subscripts(p_stream_ids, 1) AS r (i)
                 WHERE st.id = p_stream_ids[r.i] AND v_status[r.i] = 0 AND NOT st.id = ANY (v_created);

                RETURN QUERY SELECT p_stream_ids[i], v_status[i], v_version[i] FROM generate_subscripts(p_stream_ids, 1) i;
            END;
            $fn$;

            -- One stream, the common case: the same rules as append_events with fewer statements.
            -- Returns a status (0 appended, 1 duplicate, 2 conflict, 3 archived) and a version.
            CREATE OR REPLACE FUNCTION {s}.append_stream(
                p_stream_id uuid, p_stream_type text, p_expected bigint,
                p_ids uuid[], p_types text[], p_data jsonb[], p_headers jsonb[])
            RETURNS TABLE (o_status integer, o_version integer)
            LANGUAGE plpgsql AS $fn$
            DECLARE
                v_count     integer := cardinality(p_ids);
                v_created   boolean := false;
                v_current   integer;
                v_archived  boolean;
                v_found     integer;
                v_foreign   integer;
                v_max       integer;
            BEGIN
                -- the stream's row lock serialises its writers; all checks below run under it,
                -- before a sequence number is taken
                IF p_expected > 0 THEN
                    SELECT st.version, st.archived INTO v_current, v_archived
                      FROM {s}.streams st WHERE st.id = p_stream_id FOR UPDATE;
                    IF NOT FOUND THEN
                        RETURN QUERY SELECT 2, 0;
                        RETURN;
                    END IF;
                ELSE
                    -- creates the stream at its final version, or only locks it when it exists
                    INSERT INTO {s}.streams AS st (id, type, version) VALUES (p_stream_id, p_stream_type, v_count)
                    ON CONFLICT (id) DO UPDATE SET version = st.version WHERE false
                    RETURNING true INTO v_created;
                    IF v_created IS NULL THEN
                        v_created := false;
                        SELECT st.version, st.archived INTO v_current, v_archived
                          FROM {s}.streams st WHERE st.id = p_stream_id;
                    END IF;
                END IF;

                -- a redelivered append reads as success, even with its original expected version
                SELECT count(*), count(*) FILTER (WHERE e.stream_id <> p_stream_id), max(e.version)
                  INTO v_found, v_foreign, v_max
                  FROM {s}.events e WHERE e.id = ANY (p_ids);
                IF v_found > 0 THEN
                    IF v_found = v_count AND v_foreign = 0 THEN
                        RETURN QUERY SELECT 1, v_max;
                        RETURN;
                    END IF;
                    RAISE EXCEPTION USING ERRCODE = 'ES001', MESSAGE = format(
                        'append to stream %s: %s of its %s event ids are already stored%s; a re-append must repeat exactly the same events',
                        p_stream_id, v_found, v_count,
                        CASE WHEN v_foreign > 0 THEN format(' (%s in other streams)', v_foreign) ELSE '' END);
                END IF;

                IF v_created THEN
                    v_current := 0;
                ELSIF v_archived THEN
                    RETURN QUERY SELECT 3, v_current;
                    RETURN;
                ELSIF p_expected >= 0 AND p_expected <> v_current THEN
                    RETURN QUERY SELECT 2, v_current;
                    RETURN;
                END IF;

                INSERT INTO {s}.events (id, stream_id, version, type, data, headers)
                SELECT u.id, p_stream_id, v_current + u.ord, u.type, u.data, u.headers
                  FROM unnest(p_ids, p_types, p_data, p_headers) WITH ORDINALITY AS u (id, type, data, headers, ord);

                IF NOT v_created THEN
                    UPDATE {s}.streams SET version = v_current + v_count, updated = now() WHERE id = p_stream_id;
                END IF;
                RETURN QUERY SELECT 0, v_current + v_count;
            END;
            $fn$;
            """;
}
