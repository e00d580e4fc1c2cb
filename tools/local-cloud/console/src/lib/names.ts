/**
 * Readable names for generated physical names (pure): CloudFormation names a
 * resource `<Stack>-<LogicalId><8-hex hash>-<random suffix>`; the console shows
 * `Stack · LogicalId` and keeps the full name for tooltips.
 */
const GENERATED = /^([A-Za-z][A-Za-z0-9]*)-([A-Za-z][A-Za-z0-9]*?)([0-9A-F]{8})-([A-Za-z0-9]{8,16})$/;

export function friendlyName(name: string): string {
  const m = GENERATED.exec(name);
  return m ? `${m[1]} · ${m[2]}` : name;
}
