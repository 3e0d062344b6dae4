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
                stream_id  uuid        NOT NULL REFERENCES {s}.streams (id),
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

            -- the global log is read in (tx_id, seq_id) order
            CREATE INDEX events_position ON {s}.events (tx_id, seq_id);

            CREATE TABLE {s}.subscriptions (
                name     text        PRIMARY KEY,
                tx_id    xid8        NOT NULL DEFAULT '0',
                seq_id   bigint      NOT NULL DEFAULT 0,
                updated  timestamptz NOT NULL DEFAULT now()
            );

            -- Appends to many streams in one statement. Arguments are parallel arrays: per stream
            -- (id, type, expected version: -1 any, 0 no stream, n exactly n; event count), then per
            -- event (id, type, data, headers) grouped by stream in the same order.
            -- Returns per stream a status (0 appended, 1 duplicate, 2 conflict, 3 archived) and a version.
            CREATE FUNCTION {s}.append_events(
                p_stream_ids uuid[], p_stream_types text[], p_expected bigint[], p_counts integer[],
                p_ids uuid[], p_types text[], p_data jsonb[], p_headers jsonb[])
            RETURNS TABLE (o_stream_id uuid, o_status integer, o_version integer)
            LANGUAGE plpgsql AS $fn$
            DECLARE
                i          integer;
                v_first    integer := 1;
                v_last     integer;
                v_stream   uuid;
                v_current  integer;
                v_archived boolean;
                v_found    integer;
                v_foreign  integer;
                v_max      integer;
                v_appended boolean := false;
            BEGIN
                FOR i IN 1 .. coalesce(array_length(p_stream_ids, 1), 0) LOOP
                    v_stream := p_stream_ids[i];
                    v_last := v_first + p_counts[i] - 1;
                    o_stream_id := v_stream;

                    -- The row lock serialises writers of one stream; everything below is checked
                    -- under it, before a sequence number is taken, so a losing writer burns none.
                    SELECT st.version, st.archived INTO v_current, v_archived
                      FROM {s}.streams st WHERE st.id = v_stream FOR UPDATE;
                    IF NOT FOUND THEN
                        IF p_expected[i] > 0 THEN
                            o_status := 2; o_version := 0; RETURN NEXT;
                            v_first := v_last + 1; CONTINUE;
                        END IF;
                        -- a concurrent creator makes this wait for its commit, then do nothing
                        INSERT INTO {s}.streams (id, type, version) VALUES (v_stream, p_stream_types[i], 0)
                            ON CONFLICT (id) DO NOTHING;
                        SELECT st.version, st.archived INTO v_current, v_archived
                          FROM {s}.streams st WHERE st.id = v_stream FOR UPDATE;
                    END IF;

                    -- A redelivered append: its ids are stored already. Checked before the version,
                    -- so a retry of an append whose commit was not acknowledged reads as success.
                    SELECT count(*), count(*) FILTER (WHERE e.stream_id <> v_stream), max(e.version)
                      INTO v_found, v_foreign, v_max
                      FROM {s}.events e WHERE e.id = ANY (p_ids[v_first:v_last]);
                    IF v_found > 0 THEN
                        IF v_found = p_counts[i] AND v_foreign = 0 THEN
                            o_status := 1; o_version := v_max; RETURN NEXT;
                            v_first := v_last + 1; CONTINUE;
                        END IF;
                        RAISE EXCEPTION USING ERRCODE = 'ES001', MESSAGE = format(
                            'append to stream %s: %s of its %s event ids are already stored%s; a re-append must repeat exactly the same events',
                            v_stream, v_found, p_counts[i],
                            CASE WHEN v_foreign > 0 THEN format(' (%s in other streams)', v_foreign) ELSE '' END);
                    END IF;

                    IF v_archived THEN
                        o_status := 3; o_version := v_current; RETURN NEXT;
                        v_first := v_last + 1; CONTINUE;
                    END IF;

                    IF p_expected[i] >= 0 AND p_expected[i] <> v_current THEN
                        o_status := 2; o_version := v_current; RETURN NEXT;
                        v_first := v_last + 1; CONTINUE;
                    END IF;

                    INSERT INTO {s}.events (id, stream_id, version, type, data, headers)
                    SELECT u.id, v_stream, v_current + u.ord, u.type, u.data, u.headers
                      FROM unnest(p_ids[v_first:v_last], p_types[v_first:v_last],
                                  p_data[v_first:v_last], p_headers[v_first:v_last])
                           WITH ORDINALITY AS u (id, type, data, headers, ord);

                    UPDATE {s}.streams SET version = v_current + p_counts[i], updated = now() WHERE id = v_stream;

                    o_status := 0; o_version := v_current + p_counts[i]; RETURN NEXT;
                    v_appended := true;
                    v_first := v_last + 1;
                END LOOP;

                -- delivered at commit; wakes subscriptions without waiting for their poll
                IF v_appended THEN
                    PERFORM pg_notify('{s}_events', '');
                END IF;
            END;
            $fn$;
            """),
    ];
}
