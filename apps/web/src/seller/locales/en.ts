import type { SellerMessages } from './vi';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English words of the seller portal: every key of the Vietnamese file, checked by the type. */
export const en: Shape<SellerMessages> = {
  brand: 'Seller portal',
  nav: {
    label: 'Seller portal sections',
    home: 'Overview',
    products: 'Products',
    orders: 'Orders',
    channels: 'Channels',
    import: 'Import from Excel',
    payouts: 'Payouts',
    members: 'Members',
    storefront: 'Open the market',
    toConfirm: '{{count}} orders to confirm',
  },
  coopStatus: { draft: 'Draft', submitted: 'Awaiting review', approved: 'Approved', rejected: 'Rejected', suspended: 'Suspended' },
  picker: {
    title: 'Choose a cooperative',
    lead: 'You belong to several cooperatives. Which one are you working for today?',
    create: 'Register another cooperative',
  },
  none: {
    title: 'You have no cooperative yet',
    lead: 'The seller portal is for members of cooperatives. Register yours to sell on the market and on Shopee, Lazada and TikTok Shop.',
    step1: 'Fill in the cooperative’s details (tax code, address)',
    step2: 'Upload the registration certificate (a photo or a PDF)',
    step3: 'Send it to the Department of Industry and Trade for approval',
    create: 'Register your cooperative',
    joinHint: 'Is your cooperative already on the market? Ask its admin to invite you with the e-mail you registered with.',
    official: 'The seller portal is for cooperative members. Officials review and follow cooperatives on the Department’s pages.',
  },
  home: {
    title: 'Overview',
    today: 'Today',
    ordersToConfirm: 'new orders to confirm',
    lowStock: 'variants running low',
    failedSyncs: 'listings failing to sync',
    balance: 'balance owed to you',
  },
  banner: {
    draft: 'The cooperative’s file has not been sent for review yet.',
    submitted: 'Sent: the Department of Industry and Trade is reviewing it. You can prepare products meanwhile.',
    rejected: 'The Department of Industry and Trade did not approve the file.',
    suspended: 'The cooperative is suspended from selling.',
    reason: 'Reason: {{reason}}',
    finish: 'Finish registering',
    fix: 'Fix the file and send it again',
  },
  checklist: {
    title: 'Steps to start selling ({{done}}/{{total}})',
    doneMark: 'done',
    profile_complete: 'Complete the cooperative’s details',
    documents_uploaded: 'Upload the registration certificate',
    submitted: 'Send the file for review',
    approved: 'Approved by the Department',
    first_product_published: 'Publish your first product',
    first_channel_connected: 'Connect Shopee, Lazada, TikTok Shop or Google',
    first_order_received: 'Receive your first order',
  },
};
