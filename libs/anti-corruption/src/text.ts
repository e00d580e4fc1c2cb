const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * X (v1.1 `text`) and Slack escape `&`, `<` and `>` as HTML entities. Domain
 * events carry the text as the author wrote it, so the mappers undo exactly
 * those escapes, in one pass (so `&amp;lt;` becomes `&lt;`, not `<`).
 */
export function unescapeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}
