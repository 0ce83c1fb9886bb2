// Events timeline: visits, meetings and signings in date order
// Every event with its date (and whether the date is inferred), host, visitors, other
// participating organisations and people present.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param year string = null  only events of this year (YYYY)
MATCH (e:Event {dataset: $dataset})
WHERE $year IS NULL OR e.date STARTS WITH $year
RETURN e.date AS date, coalesce(e.date_inferred, false) AS date_inferred, e.subtype AS subtype, e.id AS id,
       e.title_zh AS title_zh,
       COLLECT { MATCH (e)-[:HOSTED_BY]->(h) RETURN h.id AS x } AS host,
       COLLECT { MATCH (v)-[r:VISITED]->(e) RETURN v.id AS x ORDER BY r.index } AS visitors,
       COLLECT { MATCH (v)-[r:TOOK_PART_IN]->(e) RETURN v.id AS x ORDER BY r.index } AS participants,
       COLLECT { MATCH (p)-[r:ATTENDED]->(e) RETURN p.id AS x ORDER BY r.index } AS people
ORDER BY date, id
