// Wire shapes of API.md (only the fields the client reads).
export interface User {
  id: string;
  handle: string;
  displayName: string | null;
  bio?: string | null;
  avatarMediaId?: string | null;
  createdAt?: string;
}

export interface AuthResult {
  user: User;
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Reactions {
  counts: Record<string, number>;
  mine: string[];
}

export interface FriendRequest {
  id: string;
  fromUserId: string;
  toUserId: string;
  status: string;
  user?: User;
}

export interface Group {
  id: string;
  name: string;
  description?: string | null;
  visibility: 'public' | 'private';
  myRole: string | null;
  memberCount: number;
}

export interface GeoPoint {
  lat: number;
  lon: number;
  name?: string | null;
}

export interface Post {
  id: string;
  authorId: string;
  author?: User;
  text: string;
  visibility: string;
  groupId: string | null;
  mediaIds: string[];
  location: GeoPoint | null;
  createdAt: string;
  editedAt: string | null;
  commentCount: number;
  reactions: Reactions;
}

export interface Comment {
  id: string;
  postId: string;
  parentId: string | null;
  depth: number;
  authorId: string;
  text: string | null;
  createdAt: string;
  replyCount: number;
  reactions: Reactions;
  deleted: boolean;
  replies?: Page<Comment>;
}

export type ConversationKind = 'direct' | 'group' | 'channel' | 'canvas';

export interface Conversation {
  id: string;
  kind: ConversationKind;
  title: string | null;
  groupId: string | null;
  memberIds: string[];
  lastSeq: number;
  lastMessage: Message | null;
  unreadCount: number;
  createdAt: string;
}

export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  clientMsgId: string;
  text: string | null;
  format: 'plain' | 'markdown';
  replyToId: string | null;
  quoteOfId: string | null;
  forward: { messageId: string; conversationId: string; senderId: string; text: string } | null;
  threadRootId: string | null;
  threadReplyCount: number;
  mediaIds: string[];
  position: { x: number; y: number } | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  reactions: Reactions;
}

export interface MediaVariant {
  url: string;
  width: number;
  height: number;
  contentType: string;
}

export interface Media {
  id: string;
  ownerId: string;
  kind: 'image' | 'video';
  contentType: string;
  size: number;
  status: 'processing' | 'ready' | 'failed';
  width: number | null;
  height: number | null;
  durationMs: number | null;
  blurhash: string | null;
  variants: Record<string, MediaVariant>;
  location: GeoPoint | null;
}

export interface LocationShare {
  id: string;
  ownerId: string;
  audience: { userIds: string[] | null; conversationId: string | null; groupId: string | null };
  precision: 'exact' | 'approximate';
  startedAt: string;
  expiresAt: string;
  active: boolean;
}

export interface LiveLocation {
  userId: string;
  shareId: string;
  lat: number;
  lon: number;
  accuracyM: number | null;
  precision: 'exact' | 'approximate';
  at: string;
  status: 'live' | 'stale' | 'paused' | 'ended';
  staleReason?: 'no_updates' | 'offline' | 'low_battery' | 'sharing_paused';
}

export interface Place {
  id: string;
  name: string;
  lat: number;
  lon: number;
  radiusM: number;
  groupId?: string | null;
}

export interface SosAlert {
  id: string;
  ownerId: string;
  status: string;
  startedAt: string;
  acks: unknown[];
}

export interface MapCluster {
  id: string;
  lat: number;
  lon: number;
  count: number;
  preview: { postId?: string; mediaId?: string };
}

export interface MapItem {
  kind: 'post' | 'media';
  id: string;
  lat: number;
  lon: number;
  authorId: string;
  createdAt: string;
  preview: { postId?: string; mediaId?: string; text?: string } | null;
}

export interface MapResult {
  clusters: MapCluster[];
  items: MapItem[];
}

/** One problem+json error. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;

  constructor(status: number, code: string, detail: string, field?: string) {
    super(detail);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}
