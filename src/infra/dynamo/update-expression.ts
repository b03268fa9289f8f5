/** SET clauses from a patch. Every name goes through #placeholders: name, source, status, language... are reserved words. */

export interface UpdateParts {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/**
 * SET for the allowed keys of the patch that are defined (undefined means "leave as is"; a patch with extra
 * keys at run time, such as user_id or card_count, must not reach the item), plus the fields always set.
 */
export function setClause<T extends object>(patch: T, allowed: readonly (keyof T)[], always: Record<string, unknown>): UpdateParts {
  const fields: Record<string, unknown> = { ...always };
  for (const key of allowed) {
    if (patch[key] !== undefined) fields[key as string] = patch[key];
  }
  return setFields(fields);
}

/** SET every given field to its value (null included). */
export function setFields(fields: Record<string, unknown>): UpdateParts {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts = Object.entries(fields).map(([name, value], i) => {
    names[`#f${i}`] = name;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  return { UpdateExpression: `SET ${parts.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}
