import type { UserFromGetMe } from 'grammy/types'
import type { TelegramConfig } from '../../config.ts'

/**
 * What `getMe` would say, built from the token's numeric id and TELEGRAM_BOT_USERNAME, so neither the webhook nor the
 * sender makes a network call at start. Without a username `username` is empty and mentions cannot be recognised.
 */
export function botInfoOf(config: TelegramConfig): UserFromGetMe {
  const id = Number(config.token.slice(0, config.token.indexOf(':')))
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error('TELEGRAM_BOT_TOKEN does not start with the bot id')
  return {
    id,
    is_bot: true,
    first_name: config.botUsername ?? 'bot',
    username: config.botUsername ?? '',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
    has_topics_enabled: false,
    allows_users_to_create_topics: false,
    can_manage_bots: false,
    supports_join_request_queries: false,
  }
}
