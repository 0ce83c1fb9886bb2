// Shortest path between two organisations
// The shortest chain of records (events, agreements, posts, programmes, ties...) linking two
// organisations, ignoring citations: who could introduce whom.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param from organisation = hk-swd  first organisation (id or name)
// @param to organisation = gd-swa  second organisation (id or name)
MATCH (a:Organisation {dataset: $dataset, id: $from}), (b:Organisation {dataset: $dataset, id: $to})
MATCH p = shortestPath((a)-[*..12]-(b))
WHERE none(r IN relationships(p) WHERE type(r) = 'CITES')
RETURN length(p) AS hops, [n IN nodes(p) | n.id] AS ids, [n IN nodes(p) | n.name] AS names,
       [r IN relationships(p) | type(r)] AS relationship_types
