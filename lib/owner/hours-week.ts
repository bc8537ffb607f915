// Without zod: the hours form (a client component) imports this, and zod's probe for eval breaks the page's CSP.

/** The week as the form lists it, Monday first; `dow` is PostgreSQL's extract(dow) (0 = Sunday), as stored. */
export const WEEK = [
  { field: "monday", label: "Monday", dow: 1 },
  { field: "tuesday", label: "Tuesday", dow: 2 },
  { field: "wednesday", label: "Wednesday", dow: 3 },
  { field: "thursday", label: "Thursday", dow: 4 },
  { field: "friday", label: "Friday", dow: 5 },
  { field: "saturday", label: "Saturday", dow: 6 },
  { field: "sunday", label: "Sunday", dow: 0 },
] as const;
