// Collaboration pairs: which organisations work together, and how
// Pairs of organisations sharing agreements, events, programmes or ties, strongest first,
// with the kinds of records behind each tie and the earliest date. Only parties, hosts, visitors and
// participants count (not what a tie concerns), as in the collaboration graph; interlocks (one person
// holding posts in both) are listed by people-multiple-posts and not counted here.
// The pair rule is swgraph.graph.collaboration_pairs: agreement and tie parties pairwise; a programme's
// owner with each participant; a hosted visit's visitors with the host and its participants with each other;
// any other event's host, visitors and participants pairwise.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param limit int = 20  how many pairs
MATCH (a:Organisation {dataset: $dataset})-[ra]-(rec:Record)-[rb]-(b:Organisation)
WHERE a.id < b.id
  AND (((rec:Agreement OR rec:Tie) AND type(ra) = 'PARTY_TO' AND type(rb) = 'PARTY_TO')
    OR (rec:Programme AND [type(ra), type(rb)] IN [['RUNS', 'PARTICIPATES_IN'], ['PARTICIPATES_IN', 'RUNS']])
    OR (rec:Event AND rec.subtype = 'visit' AND EXISTS { (rec)-[:HOSTED_BY]->(:Organisation) }
        AND [type(ra), type(rb)] IN [['VISITED', 'HOSTED_BY'], ['HOSTED_BY', 'VISITED'], ['TOOK_PART_IN', 'TOOK_PART_IN']])
    OR (rec:Event AND NOT (rec.subtype = 'visit' AND EXISTS { (rec)-[:HOSTED_BY]->(:Organisation) })
        AND type(ra) IN ['HOSTED_BY', 'VISITED', 'TOOK_PART_IN'] AND type(rb) IN ['HOSTED_BY', 'VISITED', 'TOOK_PART_IN']))
WITH a, b, rec
ORDER BY rec.when, rec.id
WITH a, b, collect(DISTINCT rec.id) AS records,
     collect(DISTINCT [l IN labels(rec) WHERE l IN ['Agreement', 'Event', 'Programme', 'Tie']][0]) AS record_types,
     min(rec.when) AS first_date
RETURN a.id AS a, b.id AS b, size(records) AS strength, record_types, records, first_date
ORDER BY strength DESC, a, b
LIMIT $limit
