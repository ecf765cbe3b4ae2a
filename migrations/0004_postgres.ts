import { sql, SqliteAdapter, type Kysely } from "kysely";

// What a second engine needs. Both: an index for "when did this chat last get a message", which
// every dispatch worker reads so per-chat rate limits hold across processes. PostgreSQL only:
// full-text search (SQLite has FTS5 since 0001) and NOTIFY triggers that wake the watcher and the
// dispatchers in other processes the moment stories or outbox rows are written.
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema.createIndex("deliveries_chat_sent").on("deliveries").columns(["platform", "chat_id", "sent_at"]).execute();
  if (sqlite) return;

  // The search_* columns already hold our own folded and stemmed tokens, one space apart (the
  // matcher and FTS5 read the same words). They become lexemes as they are, with no parser or
  // dictionary in between, each tagged with its field ("t." title, "b." body, "s." source,
  // "c." section, "p." topics) so a query can name a field and a phrase never spans two fields.
  // Weights rank a headline word above a summary word (title, and the title part of body: A).
  await sql`
    CREATE FUNCTION newsflash_search_vector(title text, body text, source text, section text, topics text)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      WITH fields(tag, words, weight) AS (
        VALUES ('t.', title, 'A'), ('b.', body, 'B'), ('s.', source, 'C'), ('c.', section, 'D'), ('p.', topics, 'D')
      ), headline AS (
        SELECT count(*) AS words FROM regexp_split_to_table(btrim(coalesce(title, '')), ' +') AS t(token) WHERE t.token <> ''
      )
      SELECT coalesce(string_agg(
        '''' || replace(replace(f.tag || w.token, '\\', '\\\\'), '''', '''''') || ''':' || least(w.pos, 16383)
          || CASE WHEN f.tag = 'b.' AND w.pos <= headline.words THEN 'A' ELSE f.weight END,
        ' '), '')::tsvector
      FROM fields f
      CROSS JOIN headline
      CROSS JOIN LATERAL regexp_split_to_table(btrim(coalesce(f.words, '')), ' +') WITH ORDINALITY AS w(token, pos)
      -- PostgreSQL refuses lexemes of 2 KB or more; no real word is that long.
      WHERE w.token <> '' AND octet_length(w.token) < 2000
    $$`.execute(db);

  // A side table (like SQLite's stories_fts) so SELECT * on stories never carries the vector.
  await sql`CREATE TABLE stories_search (
    story_id bigint PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    document tsvector NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX stories_search_document ON stories_search USING gin (document)`.execute(db);
  // search_path is pinned so the trigger finds stories_search whichever schema the writer's session uses.
  await sql`
    CREATE FUNCTION newsflash_sync_story_search() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      INSERT INTO stories_search (story_id, document)
      VALUES (NEW.id, newsflash_search_vector(NEW.search_title, NEW.search_body, NEW.search_source, NEW.search_section, NEW.search_topics))
      ON CONFLICT (story_id) DO UPDATE SET document = EXCLUDED.document;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER stories_search_sync AFTER INSERT OR UPDATE OF search_title, search_body, search_source, search_section, search_topics ON stories
    FOR EACH ROW EXECUTE FUNCTION newsflash_sync_story_search()`.execute(db);
  await sql`INSERT INTO stories_search (story_id, document)
    SELECT id, newsflash_search_vector(search_title, search_body, search_source, search_section, search_topics) FROM stories`.execute(db);

  // One notification per statement (and PostgreSQL folds equal ones per transaction), sent on
  // commit: a listener that wakes up always finds the rows. Listeners still poll as a fallback.
  await sql`
    CREATE FUNCTION newsflash_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify(TG_ARGV[0], '');
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER stories_notify AFTER INSERT ON stories FOR EACH STATEMENT EXECUTE FUNCTION newsflash_notify('newsflash_stories')`.execute(db);
  await sql`CREATE TRIGGER deliveries_notify AFTER INSERT ON deliveries FOR EACH STATEMENT EXECUTE FUNCTION newsflash_notify('newsflash_outbox')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (!sqlite) {
    await sql`DROP TRIGGER IF EXISTS deliveries_notify ON deliveries`.execute(db);
    await sql`DROP TRIGGER IF EXISTS stories_notify ON stories`.execute(db);
    await sql`DROP FUNCTION IF EXISTS newsflash_notify()`.execute(db);
    await sql`DROP TRIGGER IF EXISTS stories_search_sync ON stories`.execute(db);
    await sql`DROP FUNCTION IF EXISTS newsflash_sync_story_search()`.execute(db);
    await sql`DROP TABLE IF EXISTS stories_search`.execute(db);
    await sql`DROP FUNCTION IF EXISTS newsflash_search_vector(text, text, text, text, text)`.execute(db);
  }
  await db.schema.dropIndex("deliveries_chat_sent").ifExists().execute();
}
