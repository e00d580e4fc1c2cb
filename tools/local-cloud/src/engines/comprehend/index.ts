export { LocalComprehendEngine } from './engine';
export {
  COMPREHEND_LANGUAGE_CODES,
  SUPPORTED_LANGUAGES,
  TEXT_BYTE_LIMITS,
  validateLanguage,
  validateText,
  type ComprehendLanguageCode,
  type ComprehendOperation,
} from './limits';
export { CodePointIndex, sliceCodePoints } from './offsets';
export { detectLanguages } from './language';
export { sentimentOf } from './sentiment';
export { englishEvidence } from './sentiment/analyse';
export { scoresFromEvidence, SCORE_PARAMETERS, type Evidence, type ScoreParameters } from './sentiment/scores';
export { recogniseEntities } from './entities/recognise';
export { detectPii, type PiiType } from './pii/detect';
export { luhnValid, ibanValid } from './pii/checksums';
