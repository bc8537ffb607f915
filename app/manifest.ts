import type { MetadataRoute } from "next";

/** For "Add to home screen": the name, colours and icons (app/icon.svg, and its 180 px PNG app/apple-icon.png). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Platter",
    short_name: "Platter",
    description: "Order from the restaurants you love, and know exactly what you spent.",
    start_url: "/",
    display: "standalone",
    background_color: "#fafaf9",
    theme_color: "#c2410c",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/apple-icon.png", sizes: "180x180", type: "image/png" },
    ],
  };
}
