export { eventsService, type EventsApi } from './service';
export type { BusEvent, Rule, RuleTarget, Archive } from './model';
export type { EventTrace, DeliveryTrace } from './traces';
export { archiveDirOf, readArchivedEvents, type ArchivedEvent } from './archive';
export { matchesPattern, createRuleMatcher } from './pattern';
export { transformInput } from './transform';
