// The alert stream's `alert-updated` events: { id } and, for what changed, the alert's own fields
// (acknowledged, held, releasedAt, deliveries, deliveryFailures, channels), each whole. Fields left out are unchanged.

const mergedFields = ['acknowledged', 'held', 'releasedAt', 'deliveries', 'deliveryFailures', 'channels'];

/** The update in an event's data, or null when it is not one (no id, not JSON). */
export function parseAlertUpdate(data) {
  let update;
  try { update = JSON.parse(data); } catch { return null; }
  return update && typeof update === 'object' && typeof update.id === 'string' && update.id ? update : null;
}

/** A copy of the alert with the update's fields over it; the alert itself is left as it was. */
export function applyAlertUpdate(alert, update) {
  const merged = { ...alert };
  for (const field of mergedFields)
    if (update[field] !== undefined) merged[field] = update[field];
  return merged;
}

/** True when the update acknowledges an alert that was open (an alert is acknowledged once). */
export function acknowledgesOpenAlert(alert, update) {
  return Boolean(update.acknowledged) && !alert?.acknowledged;
}
