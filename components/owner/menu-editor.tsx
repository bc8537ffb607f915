import type { OwnerMenu } from "@/lib/owner/menu";
import {
  deleteCategoryAction,
  deleteItemAction,
  deleteOptionGroupAction,
  moveCategoryAction,
  moveItemAction,
  setChoiceAvailabilityAction,
  setItemAvailabilityAction,
} from "@/lib/owner/menu-actions";
import { Disclosure } from "@/components/ui/disclosure";
import { Money } from "@/components/ui/money";

import { CategoryForm } from "./category-form";
import { InlineAction } from "./inline-action";
import { ItemForm } from "./item-form";
import { OptionGroupForm } from "./option-group-form";

type Category = OwnerMenu["categories"][number];
type Item = Category["items"][number];

export function MenuEditor({ menu }: { menu: OwnerMenu }) {
  return (
    <div className="space-y-6">
      {menu.categories.length === 0 ? (
        <p className="text-stone-600">No categories yet: add the first one below.</p>
      ) : null}
      {menu.categories.map((category, index) => (
        <CategorySection
          key={category.id}
          category={category}
          restaurantId={menu.id}
          first={index === 0}
          last={index === menu.categories.length - 1}
        />
      ))}
      <section
        aria-labelledby="new-category-heading"
        className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200"
      >
        <h2 id="new-category-heading" className="mb-3 text-base font-semibold">
          Add a category
        </h2>
        <CategoryForm restaurantId={menu.id} />
      </section>
    </div>
  );
}

function CategorySection({
  category,
  restaurantId,
  first,
  last,
}: {
  category: Category;
  restaurantId: number;
  first: boolean;
  last: boolean;
}) {
  const headingId = `category-${category.id}-heading`;
  return (
    <section aria-labelledby={headingId} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          {category.name}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          {first ? null : (
            <InlineAction
              action={moveCategoryAction}
              fields={{ categoryId: category.id, direction: "up" }}
              label="↑"
              ariaLabel={`Move ${category.name} up`}
            />
          )}
          {last ? null : (
            <InlineAction
              action={moveCategoryAction}
              fields={{ categoryId: category.id, direction: "down" }}
              label="↓"
              ariaLabel={`Move ${category.name} down`}
            />
          )}
          <InlineAction
            action={deleteCategoryAction}
            fields={{ categoryId: category.id }}
            label="Delete category"
            ariaLabel={`Delete category ${category.name}`}
            tone="danger"
            keptSuccess={`${category.name}: `}
            // Only an empty category can go: asking "Delete?" first, then refusing, read as a change of mind. With
            // items the click goes straight to the refusal, which says how many to delete first.
            confirmMessage={category.items.length === 0 ? `Delete the category ${category.name}?` : undefined}
          />
        </div>
      </div>
      <Disclosure className="mt-2 text-sm">
        <summary className="cursor-pointer text-stone-600">Rename</summary>
        <div className="mt-2">
          <CategoryForm restaurantId={restaurantId} category={category} />
        </div>
      </Disclosure>

      {category.items.length === 0 ? (
        <p className="mt-4 text-sm text-stone-500">No items in this category.</p>
      ) : (
        <ul className="mt-4 divide-y divide-stone-100">
          {category.items.map((item, index) => (
            <ItemRow
              key={item.id}
              item={item}
              category={category}
              first={index === 0}
              last={index === category.items.length - 1}
            />
          ))}
        </ul>
      )}

      <div className="mt-4 rounded-lg bg-stone-50 p-4 ring-1 ring-stone-200">
        <h3 className="mb-2 text-sm font-semibold">Add an item to {category.name}</h3>
        <ItemForm categoryId={category.id} categoryName={category.name} />
      </div>
    </section>
  );
}

function ItemRow({ item, category, first, last }: { item: Item; category: Category; first: boolean; last: boolean }) {
  return (
    <li className="space-y-3 py-4" data-testid="menu-item">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium">
          {item.name} · <Money cents={item.priceCents} />{" "}
          {item.available ? null : (
            <span className="ml-1 rounded-full bg-stone-100 px-2 py-0.5 text-xs text-stone-600">Unavailable</span>
          )}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <InlineAction
            action={setItemAvailabilityAction}
            fields={item.available ? { itemId: item.id } : { itemId: item.id, available: "on" }}
            label={item.available ? "Mark unavailable" : "Mark available"}
            ariaLabel={`${item.available ? "Mark unavailable" : "Mark available"}: ${item.name}`}
          />
          {first ? null : (
            <InlineAction
              action={moveItemAction}
              fields={{ itemId: item.id, direction: "up" }}
              label="↑"
              ariaLabel={`Move ${item.name} up`}
            />
          )}
          {last ? null : (
            <InlineAction
              action={moveItemAction}
              fields={{ itemId: item.id, direction: "down" }}
              label="↓"
              ariaLabel={`Move ${item.name} down`}
            />
          )}
          <InlineAction
            action={deleteItemAction}
            fields={{ itemId: item.id }}
            label="Delete"
            ariaLabel={`Delete ${item.name}`}
            tone="danger"
            keptSuccess={`${item.name}: `}
            confirmMessage={`Remove ${item.name} from the menu? Past orders keep it.`}
          />
        </div>
      </div>
      <Disclosure>
        <summary className="cursor-pointer text-sm text-stone-600">Edit {item.name}</summary>
        <div className="mt-2">
          <ItemForm categoryId={category.id} categoryName={category.name} item={item} />
        </div>
      </Disclosure>
      <ItemOptions item={item} />
    </li>
  );
}

/** The item's option groups: each editable with its choices, removable, and a form for one more. */
function ItemOptions({ item }: { item: Item }) {
  const groups = item.optionGroups;
  return (
    <Disclosure>
      <summary className="cursor-pointer text-sm text-stone-600">
        Options of {item.name} ({groups.length === 0 ? "none" : groups.map((g) => g.name).join(", ")})
      </summary>
      <div className="mt-2 space-y-3">
        {groups.map((group) => (
          <div key={group.id} className="space-y-2 rounded-lg p-3 ring-1 ring-stone-200" data-testid="option-group">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-sm font-semibold">{group.name}</p>
              <InlineAction
                action={deleteOptionGroupAction}
                fields={{ groupId: group.id }}
                label="Remove group"
                ariaLabel={`Remove option group ${group.name} of ${item.name}`}
                tone="danger"
                keptSuccess={`${group.name} of ${item.name}: `}
                confirmMessage={`Remove the option group ${group.name}? Past orders keep their choices.`}
              />
            </div>
            <ul className="flex flex-wrap gap-2" aria-label={`Choices of ${group.name}, ${item.name}`}>
              {group.choices.map((choice) => (
                <li key={choice.id} className="inline-flex items-center gap-2 text-sm">
                  {choice.name}
                  {choice.available ? null : <span className="text-xs text-stone-600">(sold out)</span>}
                  <InlineAction
                    action={setChoiceAvailabilityAction}
                    fields={choice.available ? { choiceId: choice.id } : { choiceId: choice.id, available: "on" }}
                    // Says what the click does, as the items' "Mark unavailable" does: a bare "Sold out" beside an
                    // available choice read as its state.
                    label={choice.available ? "Mark sold out" : "Mark available"}
                    ariaLabel={`${choice.available ? "Mark sold out" : "Mark available"}: ${choice.name}, ${group.name} of ${item.name}`}
                  />
                </li>
              ))}
            </ul>
            <OptionGroupForm itemId={item.id} itemName={item.name} group={group} />
          </div>
        ))}
        <div className="rounded-lg bg-stone-50 p-3 ring-1 ring-stone-200">
          <h3 className="mb-2 text-sm font-semibold">Add an option group to {item.name}</h3>
          <OptionGroupForm itemId={item.id} itemName={item.name} />
        </div>
      </div>
    </Disclosure>
  );
}
