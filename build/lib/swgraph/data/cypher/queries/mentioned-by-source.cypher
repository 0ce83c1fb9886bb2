// Organisations mentioned by a source
// Every organisation whose record cites the source, with the locator quotes: what one report
// tells us, and where to look in it.
// @param dataset string  dataset id (default: the only dataset loaded)
// @param source string = cfsw-2019-hkswd  source id
MATCH (s:Source {dataset: $dataset, id: $source})<-[c:CITES]-(o:Organisation)
WITH o, c
ORDER BY c.index
RETURN o.id AS id, o.name_zh AS name_zh, o.kind AS kind, count(c) AS citations, collect(c.quote) AS quotes
ORDER BY id
