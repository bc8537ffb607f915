import type { ButtonHTMLAttributes } from "react";

const baseClass =
  "inline-flex items-center justify-center gap-2 rounded-lg px-4 py-2 text-sm font-semibold transition disabled:cursor-not-allowed";

const variants = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-stone-400",
  secondary: "bg-white text-stone-800 ring-1 ring-stone-300 hover:bg-stone-100",
  ghost: "text-stone-700 hover:bg-stone-100",
} as const;

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants }) {
  return <button className={`${baseClass} ${variants[variant]} ${className}`} {...props} />;
}
