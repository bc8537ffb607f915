export * from "./users";
export * from "./profiles";
export * from "./restaurants";
export * from "./menus";
export * from "./orders";
export * from "./carts";
export * from "./audit";
export * from "./relations";
