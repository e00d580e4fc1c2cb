export interface ServiceGeneratorSchema {
  name: string;
  detailType?: string;
  handler?: string;
  team?: string;
}
