// Visits over time: how many visits (or other events) each year, and who hosted them
// Events of one kind (default visit) counted by the year of their date.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param kind string = visit  event kind: visit, meeting, symposium, signing, forum or training
MATCH (e:Event {dataset: $dataset, subtype: $kind})
OPTIONAL MATCH (e)-[:HOSTED_BY]->(h:Organisation)
WITH substring(e.date, 0, 4) AS year, e, h
ORDER BY e.date, e.id
RETURN year, count(e) AS events, collect(e.id) AS event_ids, collect(DISTINCT h.id) AS hosts
ORDER BY year
