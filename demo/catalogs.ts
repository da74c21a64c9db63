import type { Engagement, Goodie, PaymentButton } from '../src/index.js';

/** What a host hands the composer to insert (P3, K4): the provider's payment buttons and goodies, a channel's engagements. */
export const CATALOGS: { paymentButtons: PaymentButton[]; goodies: Goodie[]; engagements: Engagement[] } = {
  paymentButtons: [
    { id: 'pb-show', title: 'Full show video', amountCents: 1500 },
    { id: 'pb-photos', title: 'Photo set', amountCents: 900 },
  ],
  goodies: [
    { id: 'g-photo', title: 'Signed photo' },
    { id: 'g-audio', title: 'Voice message', amountCents: 300 },
  ],
  engagements: [
    { id: 'e-coupon', type: 'coupon', title: '10% off your next order', code: 'THANKS10' },
    { id: 'e-promo', type: 'promo', title: 'Free shipping this week' },
  ],
};
