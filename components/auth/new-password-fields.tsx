import type { ActionState } from "@/lib/action";
import { TextField } from "@/components/ui/text-field";

/**
 * A new password and its repetition, as the reset and the change-password forms ask for it: `name` is the new
 * password's field (each action names it its own way), and the repetition is always `confirmPassword`.
 */
export function NewPasswordFields({ name, errors }: { name: string; errors?: ActionState["fieldErrors"] }) {
  return (
    <>
      <TextField
        name={name}
        type="password"
        label="New password"
        autoComplete="new-password"
        hint="At least 8 characters."
        required
        errors={errors?.[name]}
      />
      <TextField
        name="confirmPassword"
        type="password"
        label="Repeat new password"
        autoComplete="new-password"
        required
        errors={errors?.confirmPassword}
      />
    </>
  );
}
