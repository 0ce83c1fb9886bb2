// People holding posts in several organisations (interlocks)
// People whose posts span at least $min organisations, with each post's role: the personal
// links that tie organisations together.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param min int = 2  minimum number of organisations
MATCH (p:Person {dataset: $dataset})-[:HOLDS]->(post:Post)-[:AT]->(o:Organisation)
WITH p, post, o
ORDER BY o.id, post.id
WITH p, collect(DISTINCT o.id) AS organisations, collect(o.id + ': ' + post.role_zh) AS posts
WHERE size(organisations) >= $min
RETURN p.id AS id, p.name_zh AS name_zh, size(organisations) AS organisation_count, organisations, posts
ORDER BY organisation_count DESC, id
