export {
  listNotifications,
  unreadNotificationCount,
  markNotificationRead,
  markAllNotificationsRead,
  deleteNotification,
  sweepNotifications,
  NOTIFICATION_NOT_FOUND,
} from './manage-notifications.js';
export { notificationListQuery, NOTIFICATION_PAGE_DEFAULT } from './notification-schemas.js';
export { timeOrderedId } from './notification-id.js';
export { deckViewerRoute, completedNotice, failedNotice, batchNotice, newNotification, modelDelayNotice } from './document-notices.js';
export { publishLive, announceNotification, notifyBatchIfFinished, notificationEventData } from './announce.js';
