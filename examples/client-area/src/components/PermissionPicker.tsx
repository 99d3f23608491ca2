import type { Permission } from 'strapi-plugin-multi-account/client';
import { permissionLabel } from '../labels';

/**
 * Checkboxes for the keys the signed-in member may grant: their own (an owner holds them all),
 * since the server refuses a key the actor lacks.
 */
export const PermissionPicker = ({
  available,
  value,
  onChange,
  legend = 'Permissions',
}: {
  available: Permission[];
  value: Permission[];
  onChange: (next: Permission[]) => void;
  legend?: string;
}) => (
  <fieldset className="permissions">
    <legend>{legend}</legend>
    {available.map((key) => (
      <label key={key}>
        <input
          type="checkbox"
          checked={value.includes(key)}
          onChange={(event) =>
            onChange(
              event.target.checked
                ? available.filter((k) => k === key || value.includes(k))
                : value.filter((k) => k !== key)
            )
          }
        />
        {permissionLabel(key)}
      </label>
    ))}
  </fieldset>
);
