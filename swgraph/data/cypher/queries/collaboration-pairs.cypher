// Collaboration pairs: which organisations work together, and how
// Pairs of organisations sharing agreements, events, programmes or ties, strongest first,
// with the kinds of records behind each tie and the earliest date. Only parties, hosts, visitors and
// participants count (not what a tie concerns), as in the collaboration graph.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param limit int = 20  how many pairs
MATCH (a:Organisation {dataset: $dataset})-[ra]-(rec:Record)-[rb]-(b:Organisation)
WHERE a.id < b.id AND (rec:Agreement OR rec:Event OR rec:Programme OR rec:Tie)
  AND NOT type(ra) IN ['CONCERNS', 'REPORTED_BY'] AND NOT type(rb) IN ['CONCERNS', 'REPORTED_BY']
WITH a, b, rec
ORDER BY rec.when, rec.id
WITH a, b, collect(DISTINCT rec.id) AS records,
     collect(DISTINCT [l IN labels(rec) WHERE l IN ['Agreement', 'Event', 'Programme', 'Tie']][0]) AS record_types,
     min(rec.when) AS first_date
RETURN a.id AS a, b.id AS b, size(records) AS strength, record_types, records, first_date
ORDER BY strength DESC, a, b
LIMIT $limit
