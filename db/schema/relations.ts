import { relations } from "drizzle-orm";

import { customerAddresses } from "./addresses";
import { auditLog } from "./audit";
import { cartItems, carts } from "./carts";
import { restaurantClosedDays, restaurantHours } from "./hours";
import { menuCategories, menuItems, menuOptionChoices, menuOptionGroups } from "./menus";
import { orderLineOptions, orderLines, orders, orderStatusEvents } from "./orders";
import { favorites, profiles, restaurantOwners } from "./profiles";
import { restaurants } from "./restaurants";
import { userSessions } from "./sessions";
import { customerTotals } from "./totals";
import { accounts, users } from "./users";

export const usersRelations = relations(users, ({ one, many }) => ({
  profile: one(profiles, { fields: [users.id], references: [profiles.userId] }),
  accounts: many(accounts),
  sessions: many(userSessions),
}));

export const userSessionsRelations = relations(userSessions, ({ one }) => ({
  user: one(users, { fields: [userSessions.userId], references: [users.id] }),
}));

export const accountsRelations = relations(accounts, ({ one }) => ({
  user: one(users, { fields: [accounts.userId], references: [users.id] }),
}));

export const profilesRelations = relations(profiles, ({ one, many }) => ({
  user: one(users, { fields: [profiles.userId], references: [users.id] }),
  orderHistory: many(orders),
  ownedRestaurants: many(restaurantOwners),
  favorites: many(favorites),
  cart: one(carts, { fields: [profiles.id], references: [carts.profileId] }),
  totals: one(customerTotals, { fields: [profiles.id], references: [customerTotals.customerId] }),
  addresses: many(customerAddresses),
}));

export const customerAddressesRelations = relations(customerAddresses, ({ one }) => ({
  profile: one(profiles, { fields: [customerAddresses.profileId], references: [profiles.id] }),
}));

export const restaurantsRelations = relations(restaurants, ({ many }) => ({
  owners: many(restaurantOwners),
  favoritedBy: many(favorites),
  categories: many(menuCategories),
  items: many(menuItems),
  hours: many(restaurantHours),
  closedDays: many(restaurantClosedDays),
  orders: many(orders),
}));

export const restaurantOwnersRelations = relations(restaurantOwners, ({ one }) => ({
  profile: one(profiles, { fields: [restaurantOwners.profileId], references: [profiles.id] }),
  restaurant: one(restaurants, { fields: [restaurantOwners.restaurantId], references: [restaurants.id] }),
}));

export const favoritesRelations = relations(favorites, ({ one }) => ({
  profile: one(profiles, { fields: [favorites.profileId], references: [profiles.id] }),
  restaurant: one(restaurants, { fields: [favorites.restaurantId], references: [restaurants.id] }),
}));

export const menuCategoriesRelations = relations(menuCategories, ({ one, many }) => ({
  restaurant: one(restaurants, { fields: [menuCategories.restaurantId], references: [restaurants.id] }),
  items: many(menuItems),
}));

export const menuItemsRelations = relations(menuItems, ({ one, many }) => ({
  restaurant: one(restaurants, { fields: [menuItems.restaurantId], references: [restaurants.id] }),
  category: one(menuCategories, { fields: [menuItems.categoryId], references: [menuCategories.id] }),
  orderLines: many(orderLines),
  optionGroups: many(menuOptionGroups),
}));

export const menuOptionGroupsRelations = relations(menuOptionGroups, ({ one, many }) => ({
  menuItem: one(menuItems, { fields: [menuOptionGroups.menuItemId], references: [menuItems.id] }),
  choices: many(menuOptionChoices),
}));

export const menuOptionChoicesRelations = relations(menuOptionChoices, ({ one }) => ({
  group: one(menuOptionGroups, { fields: [menuOptionChoices.groupId], references: [menuOptionGroups.id] }),
}));

export const ordersRelations = relations(orders, ({ one, many }) => ({
  customer: one(profiles, { fields: [orders.customerId], references: [profiles.id] }),
  restaurant: one(restaurants, { fields: [orders.restaurantId], references: [restaurants.id] }),
  lines: many(orderLines),
  statusEvents: many(orderStatusEvents),
}));

export const orderLinesRelations = relations(orderLines, ({ one, many }) => ({
  order: one(orders, { fields: [orderLines.orderId], references: [orders.id] }),
  menuItem: one(menuItems, { fields: [orderLines.menuItemId], references: [menuItems.id] }),
  options: many(orderLineOptions),
}));

export const orderLineOptionsRelations = relations(orderLineOptions, ({ one }) => ({
  line: one(orderLines, { fields: [orderLineOptions.orderLineId], references: [orderLines.id] }),
}));

export const orderStatusEventsRelations = relations(orderStatusEvents, ({ one }) => ({
  order: one(orders, { fields: [orderStatusEvents.orderId], references: [orders.id] }),
  actor: one(profiles, { fields: [orderStatusEvents.actorProfileId], references: [profiles.id] }),
}));

export const cartsRelations = relations(carts, ({ one, many }) => ({
  profile: one(profiles, { fields: [carts.profileId], references: [profiles.id] }),
  restaurant: one(restaurants, { fields: [carts.restaurantId], references: [restaurants.id] }),
  items: many(cartItems),
}));

export const cartItemsRelations = relations(cartItems, ({ one }) => ({
  cart: one(carts, { fields: [cartItems.cartId], references: [carts.id] }),
  menuItem: one(menuItems, { fields: [cartItems.menuItemId], references: [menuItems.id] }),
}));

export const auditLogRelations = relations(auditLog, ({ one }) => ({
  actor: one(profiles, { fields: [auditLog.actorProfileId], references: [profiles.id], relationName: "auditActor" }),
  target: one(profiles, { fields: [auditLog.targetProfileId], references: [profiles.id], relationName: "auditTarget" }),
}));

export const restaurantHoursRelations = relations(restaurantHours, ({ one }) => ({
  restaurant: one(restaurants, { fields: [restaurantHours.restaurantId], references: [restaurants.id] }),
}));

export const restaurantClosedDaysRelations = relations(restaurantClosedDays, ({ one }) => ({
  restaurant: one(restaurants, { fields: [restaurantClosedDays.restaurantId], references: [restaurants.id] }),
}));
