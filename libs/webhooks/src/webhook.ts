/** A webhook as admins see it: never its secret. */
export interface WebhookView {
  id: string;
  url: string;
  /** Null: every kind. */
  entityKinds: string[] | null;
  createdAt: string;
  createdBy: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryView {
  id: number;
  position: number;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** A delivery claimed for sending, with what it needs to go out. */
export interface DueDelivery {
  id: string;
  position: string;
  payload: object;
  attempts: number;
  url: string;
  secret: string;
}
