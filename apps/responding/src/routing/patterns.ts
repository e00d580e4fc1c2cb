/**
 * Which responder answers an analysed message, decided by the rules' patterns
 * (routing lives in rules, not code). EventBridge flattens arrays of objects, so
 * `Analysis.Images.CelebrityFaces.Name` exists exactly when some image has some
 * recognised celebrity; `exists: false` on the same leaf is its exact
 * complement. Every message therefore matches one rule: one reply, never two.
 */
const CELEBRITY_NAME_PATH = (condition: { exists: boolean }) => ({
  Analysis: { Images: { CelebrityFaces: { Name: [condition] } } },
});

/** The responders, each with the `detail` part of its rule's pattern. */
export const RESPONDER_PATTERNS = {
  /** Photos with at least one recognised celebrity: annotate and reply with the image. */
  image: CELEBRITY_NAME_PATH({ exists: true }),
  /** Everything else: ask the Lex bot. */
  text: CELEBRITY_NAME_PATH({ exists: false }),
} as const satisfies Record<'image' | 'text', Record<string, unknown>>;

export type Responder = keyof typeof RESPONDER_PATTERNS;
