// Visits hosted: which organisations receive visits, from whom and when
// One row per host with the number of visits it hosted and, per visit, the date and visitors.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param org organisation = null  only this host (organisation id or name)
MATCH (e:Event {dataset: $dataset, subtype: 'visit'})-[:HOSTED_BY]->(h:Organisation)
WHERE $org IS NULL OR h.id = $org
OPTIONAL MATCH (v:Organisation)-[r:VISITED]->(e)
WITH h, e, v, r
ORDER BY e.date, e.id, r.index
WITH h, e, collect(v.id) AS visitors
WITH h, collect({event: e.id, date: e.date, visitors: visitors}) AS visits
RETURN h.id AS host, h.name_zh AS name_zh, size(visits) AS visits_hosted, visits
ORDER BY visits_hosted DESC, host
