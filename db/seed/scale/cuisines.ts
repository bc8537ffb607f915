/**
 * The raw material for the scale seed's restaurants: per cuisine, name parts and a menu to draw 8 to 20 items
 * from (prices in cents before each restaurant's own price level). Data only; db/seed/scale/catalog.ts builds
 * the restaurants from it.
 */
type Dish = readonly [name: string, cents: number];
export type Cuisine = {
  cuisine: string;
  names: readonly string[];
  kinds: readonly string[];
  blurb: string;
  menu: readonly { category: string; dishes: readonly Dish[] }[];
};

export const CUISINES: readonly Cuisine[] = [
  {
    cuisine: "Italian",
    names: ["Luce", "Nonna Rosa", "Da Marco", "Bella Vista", "Il Forno", "Al Porto", "Sorrento", "Verde"],
    kinds: ["Trattoria", "Osteria", "Pizzeria", "Cucina"],
    blurb: "Fresh pasta, wood-fired pizza and a short list of dolci.",
    menu: [
      {
        category: "Antipasti",
        dishes: [
          ["Bruschetta", 650],
          ["Arancini", 750],
          ["Burrata", 1150],
          ["Vitello tonnato", 1250],
          ["Fritto misto", 1350],
        ],
      },
      {
        category: "Pasta",
        dishes: [
          ["Tagliatelle al ragù", 1450],
          ["Cacio e pepe", 1250],
          ["Lasagne", 1550],
          ["Spaghetti alle vongole", 1750],
          ["Pappardelle ai funghi", 1550],
          ["Gnocchi al pesto", 1350],
        ],
      },
      {
        category: "Pizza",
        dishes: [
          ["Margherita", 1050],
          ["Diavola", 1250],
          ["Quattro formaggi", 1350],
          ["Capricciosa", 1350],
          ["Marinara", 900],
        ],
      },
      {
        category: "Dolci",
        dishes: [
          ["Tiramisù", 695],
          ["Panna cotta", 595],
          ["Cannoli (2)", 650],
          ["Affogato", 495],
        ],
      },
    ],
  },
  {
    cuisine: "Japanese",
    names: ["Sakura", "Kaze", "Hoshi", "Umi", "Tsuki", "Midori", "Yama", "Kobo"],
    kinds: ["House", "Izakaya", "Ramen Bar", "Sushi"],
    blurb: "Sushi, ramen and small plates from the grill.",
    menu: [
      {
        category: "Sushi",
        dishes: [
          ["Salmon nigiri (2)", 590],
          ["Tuna maki", 690],
          ["Dragon roll", 1490],
          ["California roll", 990],
          ["Eel nigiri (2)", 790],
          ["Chirashi bowl", 1890],
        ],
      },
      {
        category: "Ramen",
        dishes: [
          ["Tonkotsu ramen", 1390],
          ["Miso ramen", 1290],
          ["Shoyu ramen", 1250],
          ["Spicy tantanmen", 1450],
        ],
      },
      {
        category: "Grill",
        dishes: [
          ["Chicken yakitori (3)", 790],
          ["Beef tataki", 1290],
          ["Grilled mackerel", 1390],
          ["Agedashi tofu", 750],
        ],
      },
      {
        category: "Sides",
        dishes: [
          ["Edamame", 450],
          ["Gyoza (5)", 650],
          ["Miso soup", 350],
          ["Seaweed salad", 550],
          ["Matcha ice cream", 495],
        ],
      },
    ],
  },
  {
    cuisine: "Mexican",
    names: ["Sol", "La Palma", "El Jardín", "Luna", "Casa Verde", "Los Arcos", "Mi Tierra", "Agave"],
    kinds: ["Taquería", "Cantina", "Cocina", "Taco Shop"],
    blurb: "Tacos off the plancha, burritos and salsas made every morning.",
    menu: [
      {
        category: "Tacos",
        dishes: [
          ["Al pastor (3)", 990],
          ["Carnitas (3)", 990],
          ["Baja fish (2)", 1090],
          ["Barbacoa (3)", 1090],
          ["Rajas con queso (3)", 890],
        ],
      },
      {
        category: "Burritos",
        dishes: [
          ["Burrito de pollo", 1190],
          ["Veggie burrito", 1090],
          ["Carne asada burrito", 1390],
          ["Breakfast burrito", 990],
        ],
      },
      {
        category: "Platos",
        dishes: [
          ["Enchiladas verdes", 1290],
          ["Chiles rellenos", 1350],
          ["Quesadilla", 890],
          ["Pozole rojo", 1250],
        ],
      },
      {
        category: "Sides & drinks",
        dishes: [
          ["Chips and guacamole", 650],
          ["Elote", 450],
          ["Horchata", 350],
          ["Agua de jamaica", 350],
          ["Churros", 550],
        ],
      },
    ],
  },
  {
    cuisine: "Indian",
    names: ["Spice Route", "Saffron", "Masala", "Tandoor", "Chai", "Jaipur", "Kerala", "Mumbai"],
    kinds: ["Kitchen", "House", "Express", "Grill"],
    blurb: "Curries from the tandoor and snacks from the street.",
    menu: [
      {
        category: "Curries",
        dishes: [
          ["Butter chicken", 1490],
          ["Chana masala", 1190],
          ["Lamb rogan josh", 1690],
          ["Palak paneer", 1290],
          ["Chicken tikka masala", 1490],
          ["Dal makhani", 1150],
        ],
      },
      {
        category: "Tandoor",
        dishes: [
          ["Tandoori chicken", 1390],
          ["Seekh kebab", 1290],
          ["Paneer tikka", 1190],
        ],
      },
      {
        category: "Breads & rice",
        dishes: [
          ["Garlic naan", 350],
          ["Paratha", 350],
          ["Jeera rice", 450],
          ["Chicken biryani", 1550],
          ["Vegetable biryani", 1350],
        ],
      },
      {
        category: "Snacks & drinks",
        dishes: [
          ["Samosa (2)", 550],
          ["Onion bhaji", 550],
          ["Pani puri", 650],
          ["Mango lassi", 450],
          ["Masala chai", 350],
        ],
      },
    ],
  },
  {
    cuisine: "American",
    names: ["Barn", "Main Street", "Route 66", "Liberty", "Smokehouse", "Diner 24", "Griddle", "Big Sky"],
    kinds: ["Burgers", "Grill", "Diner", "BBQ"],
    blurb: "Smash burgers, slow-smoked meats, fries and shakes.",
    menu: [
      {
        category: "Burgers",
        dishes: [
          ["Classic smash", 1190],
          ["Bacon BBQ", 1390],
          ["Mushroom swiss", 1290],
          ["Veggie burger", 1150],
          ["Double cheese", 1450],
        ],
      },
      {
        category: "Smokehouse",
        dishes: [
          ["Pulled pork sandwich", 1290],
          ["Brisket plate", 1890],
          ["Half rack of ribs", 1990],
          ["Buffalo wings (8)", 1190],
        ],
      },
      {
        category: "Sides",
        dishes: [
          ["Fries", 450],
          ["Onion rings", 550],
          ["Mac and cheese", 650],
          ["Coleslaw", 350],
          ["Sweet potato fries", 550],
        ],
      },
      {
        category: "Shakes",
        dishes: [
          ["Vanilla shake", 595],
          ["Chocolate shake", 595],
          ["Strawberry shake", 595],
          ["Root beer float", 495],
        ],
      },
    ],
  },
  {
    cuisine: "Vietnamese",
    names: ["Saigon", "Hanoi", "Lotus", "Hoi An", "Mekong", "Bamboo", "Little Pho", "Golden Bowl"],
    kinds: ["Kitchen", "Noodle Bar", "Street Food", "Café"],
    blurb: "Beef broth simmered for twelve hours and bánh mì from the oven.",
    menu: [
      {
        category: "Phở",
        dishes: [
          ["Phở bò", 1350],
          ["Phở gà", 1250],
          ["Phở chay", 1150],
          ["Phở đặc biệt", 1550],
        ],
      },
      {
        category: "Bún & cơm",
        dishes: [
          ["Bún chả", 1290],
          ["Bún bò Huế", 1390],
          ["Cơm tấm", 1350],
          ["Bún thịt nướng", 1250],
        ],
      },
      {
        category: "Bánh mì",
        dishes: [
          ["Bánh mì thịt", 950],
          ["Bánh mì chay", 850],
          ["Bánh mì gà", 950],
        ],
      },
      {
        category: "Small plates & drinks",
        dishes: [
          ["Gỏi cuốn (2)", 650],
          ["Chả giò (4)", 690],
          ["Cà phê sữa đá", 450],
          ["Trà chanh", 350],
          ["Chè ba màu", 550],
        ],
      },
    ],
  },
  {
    cuisine: "Greek",
    names: ["Athena", "Olympia", "Santorini", "Mykonos", "Delphi", "Kalimera", "Ithaca", "Plaka"],
    kinds: ["Grill", "Taverna", "Kitchen", "Souvlaki"],
    blurb: "Souvlaki from the charcoal grill, mezze and honeyed pastries.",
    menu: [
      {
        category: "Mezze",
        dishes: [
          ["Hummus", 650],
          ["Tzatziki", 550],
          ["Spanakopita", 750],
          ["Dolmades", 690],
          ["Grilled halloumi", 890],
        ],
      },
      {
        category: "Grill",
        dishes: [
          ["Chicken souvlaki", 1450],
          ["Lamb gyros", 1550],
          ["Pork souvlaki", 1390],
          ["Bifteki", 1490],
          ["Grilled octopus", 1890],
        ],
      },
      {
        category: "Salads",
        dishes: [
          ["Horiatiki", 1090],
          ["Lentil salad", 950],
          ["Politiki", 890],
        ],
      },
      {
        category: "Sweets",
        dishes: [
          ["Baklava", 495],
          ["Loukoumades", 595],
          ["Galaktoboureko", 595],
          ["Greek yoghurt with honey", 450],
        ],
      },
    ],
  },
  {
    cuisine: "Korean",
    names: ["Seoul", "Busan", "Hanok", "Gangnam", "Kimchi", "Dosirak", "Bap", "Mapo"],
    kinds: ["Kitchen", "Chicken", "BBQ", "Table"],
    blurb: "Bibimbap, double-fried chicken and banchan made in house.",
    menu: [
      {
        category: "Mains",
        dishes: [
          ["Bibimbap", 1390],
          ["Bulgogi", 1690],
          ["Japchae", 1250],
          ["Kimchi jjigae", 1290],
          ["Dak galbi", 1550],
        ],
      },
      {
        category: "Fried chicken",
        dishes: [
          ["Yangnyeom chicken", 1590],
          ["Soy garlic chicken", 1590],
          ["Half and half", 1690],
          ["Boneless original", 1490],
        ],
      },
      {
        category: "Street food",
        dishes: [
          ["Tteokbokki", 890],
          ["Kimbap", 850],
          ["Haemul pajeon", 1190],
          ["Mandu (6)", 790],
        ],
      },
      {
        category: "Sides",
        dishes: [
          ["Kimchi", 450],
          ["Pickled radish", 350],
          ["Steamed rice", 250],
          ["Corn cheese", 650],
        ],
      },
    ],
  },
  {
    cuisine: "Middle Eastern",
    names: ["Cedar", "Zaatar", "Damascus Rose", "Byblos", "Pomegranate", "Sumac", "Petra", "Oasis"],
    kinds: ["Grill", "Kitchen", "Bakery", "Mezze Bar"],
    blurb: "Charcoal grills, warm flatbreads and a table of mezze.",
    menu: [
      {
        category: "Mezze",
        dishes: [
          ["Hummus beiruti", 650],
          ["Baba ghanoush", 650],
          ["Falafel (5)", 690],
          ["Fattoush", 850],
          ["Tabbouleh", 790],
          ["Muhammara", 650],
        ],
      },
      {
        category: "Grill",
        dishes: [
          ["Shish taouk", 1450],
          ["Lamb kofta", 1550],
          ["Mixed grill", 2290],
          ["Chicken shawarma plate", 1390],
        ],
      },
      {
        category: "Wraps",
        dishes: [
          ["Chicken shawarma wrap", 990],
          ["Falafel wrap", 890],
          ["Halloumi wrap", 950],
        ],
      },
      {
        category: "Bakery",
        dishes: [
          ["Zaatar manakish", 650],
          ["Cheese manakish", 750],
          ["Knafeh", 695],
          ["Baklava (4)", 595],
        ],
      },
    ],
  },
  {
    cuisine: "Vegan",
    names: ["Green Bowl", "Sprout", "Root", "Leaf", "Harvest", "Bloom", "Grain", "Fern"],
    kinds: ["Kitchen", "Bar", "Café", "Co."],
    blurb: "Grain bowls, salads and cold-pressed juices, all plant-based.",
    menu: [
      {
        category: "Bowls",
        dishes: [
          ["Buddha bowl", 1350],
          ["Poke-style bowl", 1290],
          ["Miso glazed tofu bowl", 1390],
          ["Falafel bowl", 1250],
          ["Burrito bowl", 1290],
        ],
      },
      {
        category: "Salads",
        dishes: [
          ["Kale caesar", 1150],
          ["Roasted squash salad", 1190],
          ["Quinoa tabbouleh", 1090],
          ["Asian slaw", 990],
        ],
      },
      {
        category: "Toasts",
        dishes: [
          ["Avocado toast", 950],
          ["Mushroom toast", 990],
          ["Hummus toast", 890],
        ],
      },
      {
        category: "Juices & treats",
        dishes: [
          ["Green juice", 650],
          ["Carrot juice", 550],
          ["Acai bowl", 1050],
          ["Raw brownie", 450],
          ["Oat latte", 425],
        ],
      },
    ],
  },
];

export const STREETS = [
  "Main Street",
  "Market Street",
  "Harbour View",
  "Park Row",
  "Hill Road",
  "Mill Lane",
  "Station Road",
  "Church Street",
  "River Walk",
  "Orchard Way",
  "King Street",
  "Bridge Street",
];
export const DISTRICTS = ["Old Town", "Harbor", "Riverside", "Midtown", "Uptown", "Eastside", "Westend", "University"];
