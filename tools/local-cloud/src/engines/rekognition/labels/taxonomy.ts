/**
 * The local object detector's classes (the 80 COCO classes of CenterNet in
 * @vladmandic/human) as Rekognition labels: AWS-style names, the `Parents`
 * hierarchy (nearest first, as Rekognition lists them) and the label category.
 * Parents are labels too: Rekognition returns "Tableware" alongside "Cup".
 * Written for this project from Rekognition's public label naming.
 */
import type { ObjectType } from '@vladmandic/human';

export interface LabelInfo {
  readonly name: string;
  readonly parents: readonly string[];
  readonly category: string;
}

const L = (name: string, category: string, ...parents: string[]): LabelInfo => ({ name, parents, category });

export const COCO_LABELS: Readonly<Record<ObjectType, LabelInfo>> = {
  person: L('Person', 'Person Description'),
  bicycle: L('Bicycle', 'Vehicles and Automotive', 'Vehicle', 'Transportation'),
  car: L('Car', 'Vehicles and Automotive', 'Vehicle', 'Transportation'),
  motorcycle: L('Motorcycle', 'Vehicles and Automotive', 'Vehicle', 'Transportation'),
  airplane: L('Airplane', 'Vehicles and Automotive', 'Aircraft', 'Vehicle', 'Transportation'),
  bus: L('Bus', 'Vehicles and Automotive', 'Vehicle', 'Transportation'),
  train: L('Train', 'Vehicles and Automotive', 'Vehicle', 'Transportation'),
  truck: L('Truck', 'Vehicles and Automotive', 'Vehicle', 'Transportation'),
  boat: L('Boat', 'Vehicles and Automotive', 'Watercraft', 'Vehicle', 'Transportation'),
  'traffic light': L('Traffic Light', 'Travel and Transportation', 'Light'),
  'fire hydrant': L('Fire Hydrant', 'Public Safety', 'Hydrant'),
  'stop sign': L('Stop Sign', 'Text and Documents', 'Road Sign', 'Sign', 'Symbol'),
  'parking meter': L('Parking Meter', 'Travel and Transportation'),
  bench: L('Bench', 'Furniture and Furnishings', 'Furniture'),
  bird: L('Bird', 'Animals and Pets', 'Animal'),
  cat: L('Cat', 'Animals and Pets', 'Pet', 'Mammal', 'Animal'),
  dog: L('Dog', 'Animals and Pets', 'Pet', 'Mammal', 'Animal'),
  horse: L('Horse', 'Animals and Pets', 'Mammal', 'Animal'),
  sheep: L('Sheep', 'Animals and Pets', 'Livestock', 'Mammal', 'Animal'),
  cow: L('Cow', 'Animals and Pets', 'Cattle', 'Livestock', 'Mammal', 'Animal'),
  elephant: L('Elephant', 'Animals and Pets', 'Wildlife', 'Mammal', 'Animal'),
  bear: L('Bear', 'Animals and Pets', 'Wildlife', 'Mammal', 'Animal'),
  zebra: L('Zebra', 'Animals and Pets', 'Wildlife', 'Mammal', 'Animal'),
  giraffe: L('Giraffe', 'Animals and Pets', 'Wildlife', 'Mammal', 'Animal'),
  backpack: L('Backpack', 'Apparel and Accessories', 'Bag', 'Accessories'),
  umbrella: L('Umbrella', 'Apparel and Accessories', 'Canopy'),
  handbag: L('Handbag', 'Apparel and Accessories', 'Bag', 'Accessories'),
  tie: L('Tie', 'Apparel and Accessories', 'Accessories', 'Formal Wear', 'Clothing'),
  suitcase: L('Suitcase', 'Travel and Transportation', 'Luggage', 'Bag'),
  frisbee: L('Frisbee', 'Sports', 'Toy'),
  skis: L('Ski', 'Sports', 'Sport', 'Sports Equipment'),
  snowboard: L('Snowboard', 'Sports', 'Sport', 'Sports Equipment'),
  'sports ball': L('Ball', 'Sports', 'Sport', 'Sports Equipment'),
  kite: L('Kite', 'Hobbies and Interests', 'Toy'),
  'baseball bat': L('Baseball Bat', 'Sports', 'Baseball', 'Sport', 'Sports Equipment'),
  'baseball glove': L('Baseball Glove', 'Sports', 'Baseball', 'Sport', 'Sports Equipment'),
  skateboard: L('Skateboard', 'Sports', 'Sport', 'Sports Equipment'),
  surfboard: L('Surfboard', 'Sports', 'Surfing', 'Sport', 'Sports Equipment'),
  'tennis racket': L('Racket', 'Sports', 'Tennis', 'Sport', 'Sports Equipment'),
  bottle: L('Bottle', 'Food and Beverage'),
  'wine glass': L('Wine Glass', 'Food and Beverage', 'Glass', 'Tableware'),
  cup: L('Cup', 'Food and Beverage', 'Tableware'),
  fork: L('Fork', 'Food and Beverage', 'Cutlery', 'Tableware'),
  knife: L('Knife', 'Food and Beverage', 'Cutlery', 'Tableware', 'Weapon'),
  spoon: L('Spoon', 'Food and Beverage', 'Cutlery', 'Tableware'),
  bowl: L('Bowl', 'Food and Beverage', 'Tableware'),
  banana: L('Banana', 'Food and Beverage', 'Fruit', 'Plant', 'Food', 'Produce'),
  apple: L('Apple', 'Food and Beverage', 'Fruit', 'Plant', 'Food', 'Produce'),
  sandwich: L('Sandwich', 'Food and Beverage', 'Food', 'Meal'),
  orange: L('Orange', 'Food and Beverage', 'Citrus Fruit', 'Fruit', 'Plant', 'Food', 'Produce'),
  broccoli: L('Broccoli', 'Food and Beverage', 'Vegetable', 'Plant', 'Food', 'Produce'),
  carrot: L('Carrot', 'Food and Beverage', 'Vegetable', 'Plant', 'Food', 'Produce'),
  'hot dog': L('Hot Dog', 'Food and Beverage', 'Food', 'Meal'),
  pizza: L('Pizza', 'Food and Beverage', 'Food', 'Meal'),
  donut: L('Donut', 'Food and Beverage', 'Pastry', 'Dessert', 'Food', 'Sweets'),
  cake: L('Cake', 'Food and Beverage', 'Dessert', 'Food', 'Sweets'),
  chair: L('Chair', 'Furniture and Furnishings', 'Furniture'),
  couch: L('Couch', 'Furniture and Furnishings', 'Furniture'),
  'potted plant': L('Potted Plant', 'Plants and Flowers', 'Plant'),
  bed: L('Bed', 'Furniture and Furnishings', 'Furniture'),
  'dining table': L('Dining Table', 'Furniture and Furnishings', 'Table', 'Furniture'),
  toilet: L('Toilet', 'Home and Indoors', 'Indoors', 'Bathroom'),
  tv: L('TV', 'Technology and Computing', 'Screen', 'Electronics', 'Monitor'),
  laptop: L('Laptop', 'Technology and Computing', 'Computer', 'Electronics', 'Pc'),
  mouse: L('Mouse', 'Technology and Computing', 'Computer Hardware', 'Electronics', 'Hardware'),
  remote: L('Remote Control', 'Technology and Computing', 'Electronics'),
  keyboard: L('Keyboard', 'Technology and Computing', 'Computer Hardware', 'Electronics', 'Hardware'),
  'cell phone': L('Mobile Phone', 'Technology and Computing', 'Phone', 'Electronics'),
  microwave: L('Microwave', 'Home and Indoors', 'Appliance', 'Electrical Device'),
  oven: L('Oven', 'Home and Indoors', 'Appliance', 'Electrical Device'),
  toaster: L('Toaster', 'Home and Indoors', 'Appliance', 'Electrical Device'),
  sink: L('Sink', 'Home and Indoors', 'Sink Faucet'),
  refrigerator: L('Refrigerator', 'Home and Indoors', 'Appliance', 'Electrical Device'),
  book: L('Book', 'Text and Documents', 'Publication'),
  clock: L('Clock', 'Home and Indoors', 'Analog Clock'),
  vase: L('Vase', 'Home and Indoors', 'Pottery', 'Jar'),
  scissors: L('Scissors', 'Tools and Machinery', 'Blade', 'Weapon'),
  'teddy bear': L('Teddy Bear', 'Hobbies and Interests', 'Toy'),
  'hair drier': L('Hair Dryer', 'Beauty and Personal Care', 'Appliance', 'Electrical Device'),
  toothbrush: L('Toothbrush', 'Beauty and Personal Care', 'Brush', 'Tool'),
};

/** Labels only reached as a parent: their own parents and category. */
export const PARENT_LABELS: Readonly<Record<string, LabelInfo>> = Object.fromEntries(
  Object.values(COCO_LABELS).flatMap((info) =>
    info.parents.map((name, i) => [name, L(name, info.category, ...info.parents.slice(i + 1))] as const),
  ),
);

/** Labels that a detected face implies, as Rekognition adds them to a photo of people. */
export const FACE_LABELS: readonly LabelInfo[] = [L('Face', 'Person Description', 'Head', 'Person'), L('Head', 'Person Description', 'Person'), COCO_LABELS.person];

/** Every label by name: detector classes, face labels, and labels only reached as parents. */
export const LABELS_BY_NAME: ReadonlyMap<string, LabelInfo> = new Map([
  ...Object.entries(PARENT_LABELS),
  ...[...Object.values(COCO_LABELS), ...FACE_LABELS].map((info) => [info.name, info] as const),
]);
