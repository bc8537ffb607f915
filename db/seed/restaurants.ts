type Item = readonly [name: string, description: string, priceCents: number];
type Category = { name: string; items: readonly Item[] };
export type DemoRestaurant = {
  slug: string;
  name: string;
  cuisine: string;
  description: string;
  address: string;
  isOpen?: boolean;
  /** What it offers (default: pickup only, no fee, no minimum), as an owner sets it on the dashboard. */
  offer?: { pickup: boolean; delivery: boolean; deliveryFeeCents: number; minOrderCents: number };
  menu: readonly Category[];
};

export const DEMO_RESTAURANTS: readonly DemoRestaurant[] = [
  {
    slug: "trattoria-luce",
    name: "Trattoria Luce",
    cuisine: "Italian",
    description: "Hand-rolled pasta and wood-fired pizza from a family kitchen.",
    address: "12 Via Roma, Old Town",
    offer: { pickup: true, delivery: true, deliveryFeeCents: 299, minOrderCents: 0 },
    menu: [
      {
        name: "Starters",
        items: [
          ["Bruschetta", "Tomato, basil, garlic", 650],
          ["Arancini", "Saffron rice, mozzarella", 750],
        ],
      },
      {
        name: "Pasta",
        items: [
          ["Tagliatelle al ragù", "Slow-cooked beef ragù", 1450],
          ["Cacio e pepe", "Pecorino, black pepper", 1250],
          ["Lasagne", "Bechamel, bolognese", 1550],
        ],
      },
      {
        name: "Desserts",
        items: [
          ["Tiramisù", "Mascarpone, espresso", 695],
          ["Panna cotta", "Berry coulis", 595],
        ],
      },
    ],
  },
  {
    slug: "sakura-house",
    name: "Sakura House",
    cuisine: "Japanese",
    description: "Sushi, ramen and izakaya plates.",
    address: "4 Cherry Lane, Riverside",
    offer: { pickup: true, delivery: true, deliveryFeeCents: 399, minOrderCents: 1500 },
    menu: [
      {
        name: "Sushi",
        items: [
          ["Salmon nigiri (2)", "", 590],
          ["Tuna maki", "6 pieces", 690],
          ["Dragon roll", "Eel, avocado", 1490],
        ],
      },
      {
        name: "Ramen",
        items: [
          ["Tonkotsu ramen", "Pork broth, chashu, egg", 1390],
          ["Miso ramen", "Corn, butter", 1290],
        ],
      },
      {
        name: "Sides",
        items: [
          ["Edamame", "Sea salt", 450],
          ["Gyoza (5)", "Pork and cabbage", 650],
        ],
      },
    ],
  },
  {
    slug: "le-petit-four",
    name: "Le Petit Four",
    cuisine: "French",
    description: "Bistro classics and pastries.",
    address: "88 Rue du Marché, Old Town",
    isOpen: false,
    menu: [
      {
        name: "Plats",
        items: [
          ["Croque monsieur", "Ham, gruyère, béchamel", 1150],
          ["Steak frites", "Sirloin, fries", 2450],
        ],
      },
      {
        name: "Pâtisserie",
        items: [
          ["Croissant", "", 325],
          ["Éclair au chocolat", "", 450],
          ["Tarte tatin", "", 650],
        ],
      },
    ],
  },
  {
    slug: "taqueria-sol",
    name: "Taquería Sol",
    cuisine: "Mexican",
    description: "Tacos al pastor, burritos and fresh salsas.",
    address: "300 Sunset Blvd, Harbor",
    offer: { pickup: true, delivery: true, deliveryFeeCents: 199, minOrderCents: 0 },
    menu: [
      {
        name: "Tacos",
        items: [
          ["Al pastor (3)", "Pineapple, onion, cilantro", 990],
          ["Carnitas (3)", "", 990],
          ["Baja fish (2)", "", 1090],
        ],
      },
      {
        name: "Burritos",
        items: [
          ["Burrito de pollo", "Chicken, rice, beans", 1190],
          ["Veggie burrito", "", 1090],
        ],
      },
      {
        name: "Drinks",
        items: [
          ["Horchata", "", 350],
          ["Agua de jamaica", "", 350],
        ],
      },
    ],
  },
  {
    slug: "spice-route",
    name: "Spice Route",
    cuisine: "Indian",
    description: "Curries from the tandoor and the street.",
    address: "21 Market Street, Harbor",
    offer: { pickup: false, delivery: true, deliveryFeeCents: 349, minOrderCents: 2000 },
    menu: [
      {
        name: "Curries",
        items: [
          ["Butter chicken", "", 1490],
          ["Chana masala", "Chickpeas, tomato", 1190],
          ["Lamb rogan josh", "", 1690],
        ],
      },
      {
        name: "Breads",
        items: [
          ["Garlic naan", "", 350],
          ["Paratha", "", 350],
        ],
      },
      {
        name: "Sides",
        items: [
          ["Samosa (2)", "Potato, peas", 550],
          ["Mango lassi", "", 450],
        ],
      },
    ],
  },
  {
    slug: "green-bowl",
    name: "Green Bowl",
    cuisine: "Vegan",
    description: "Grain bowls, salads and cold-pressed juices.",
    address: "7 Park Row, Riverside",
    menu: [
      {
        name: "Bowls",
        items: [
          ["Buddha bowl", "Quinoa, tofu, tahini", 1350],
          ["Poke-style bowl", "Marinated beet, rice", 1290],
        ],
      },
      {
        name: "Juices",
        items: [
          ["Green juice", "Kale, apple, ginger", 650],
          ["Carrot juice", "", 550],
        ],
      },
    ],
  },
  {
    slug: "burger-barn",
    name: "Burger Barn",
    cuisine: "American",
    description: "Smash burgers, fries and shakes.",
    address: "55 Main Street, Midtown",
    offer: { pickup: true, delivery: true, deliveryFeeCents: 250, minOrderCents: 1000 },
    menu: [
      {
        name: "Burgers",
        items: [
          ["Classic smash", "Double patty, cheese", 1190],
          ["Bacon BBQ", "", 1390],
          ["Mushroom swiss", "", 1290],
        ],
      },
      {
        name: "Sides",
        items: [
          ["Fries", "", 450],
          ["Onion rings", "", 550],
        ],
      },
      {
        name: "Shakes",
        items: [
          ["Vanilla shake", "", 595],
          ["Chocolate shake", "", 595],
        ],
      },
    ],
  },
  {
    slug: "pho-saigon",
    name: "Phở Sài Gòn",
    cuisine: "Vietnamese",
    description: "Beef noodle soup simmered for twelve hours.",
    address: "9 Lotus Street, Midtown",
    offer: { pickup: true, delivery: true, deliveryFeeCents: 199, minOrderCents: 1200 },
    menu: [
      {
        name: "Phở",
        items: [
          ["Phở bò", "Rare beef, brisket", 1350],
          ["Phở gà", "Chicken", 1250],
        ],
      },
      {
        name: "Bánh mì",
        items: [
          ["Bánh mì thịt", "Pork, pâté, pickles", 950],
          ["Bánh mì chay", "Tofu", 850],
        ],
      },
      { name: "Drinks", items: [["Cà phê sữa đá", "Iced coffee, condensed milk", 450]] },
    ],
  },
  {
    slug: "athena-grill",
    name: "Athena Grill",
    cuisine: "Greek",
    description: "Souvlaki, mezze and honeyed pastries.",
    address: "40 Harbour View, Harbor",
    menu: [
      {
        name: "Mezze",
        items: [
          ["Hummus", "", 650],
          ["Tzatziki", "", 550],
          ["Spanakopita", "", 750],
        ],
      },
      {
        name: "Grill",
        items: [
          ["Chicken souvlaki", "", 1450],
          ["Lamb gyros", "", 1550],
        ],
      },
      { name: "Sweets", items: [["Baklava", "", 495]] },
    ],
  },
  {
    slug: "seoul-kitchen",
    name: "Seoul Kitchen",
    cuisine: "Korean",
    description: "Bibimbap, fried chicken and banchan.",
    address: "150 Hill Road, Uptown",
    offer: { pickup: true, delivery: true, deliveryFeeCents: 299, minOrderCents: 0 },
    menu: [
      {
        name: "Mains",
        items: [
          ["Bibimbap", "Rice, vegetables, gochujang", 1390],
          ["Bulgogi", "Marinated beef", 1690],
        ],
      },
      {
        name: "Fried chicken",
        items: [
          ["Yangnyeom chicken", "Sweet and spicy", 1590],
          ["Soy garlic chicken", "", 1590],
        ],
      },
      {
        name: "Sides",
        items: [
          ["Kimchi", "", 450],
          ["Tteokbokki", "Rice cakes", 890],
        ],
      },
    ],
  },
];
