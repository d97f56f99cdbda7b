import type { CurrencyInput } from '../../shared/schemas/currency';
import type { ProfileInput } from '../../shared/schemas/profile';
import type { ResellerInput } from '../../shared/schemas/reseller';

/**
 * A small, realistic dataset for a first look at Lowbal. References use
 * natural keys (reseller name, currency code, user e-mail, profile name),
 * resolved to ids when loading. Every address is on an `.example` domain,
 * which never receives mail.
 */

export const sampleCurrencies: CurrencyInput[] = [
  { code: 'USD', name: 'US Dollar', rate: '1', isBase: true },
  { code: 'EUR', name: 'Euro', rate: '0.92' },
  { code: 'GBP', name: 'Pound Sterling', rate: '0.79' },
];

export const sampleResellers: ResellerInput[] = [
  { name: 'Acme Telecom', email: 'noc@acme.example' },
  { name: 'Blue Wave Networks', email: 'billing@bluewave.example' },
];

export const sampleUsers: { name: string; email: string; reseller: string | null }[] = [
  { name: 'Ann Admin', email: 'ann@acme.example', reseller: 'Acme Telecom' },
  { name: 'Bob Billing', email: 'bob@bluewave.example', reseller: 'Blue Wave Networks' },
  { name: 'Carol Support', email: 'carol@lowbal.example', reseller: null },
];

export type SampleProfile = Omit<ProfileInput, 'resellerId' | 'currencyId' | 'userNotification'> & {
  reseller: string;
  currency: string;
  userNotification: Omit<ProfileInput['userNotification'], 'userIds'> & { users: string[] };
};

export const sampleProfiles: SampleProfile[] = [
  {
    name: 'Prepaid standard',
    reseller: 'Acme Telecom',
    currency: 'USD',
    sortOrder: 0,
    maxQty: 3,
    period: { value: 24, unit: 'hours' },
    userNotification: { threshold: '50.00', notify: true, users: ['ann@acme.example'], emails: [] },
    clientNotification: { threshold: '20.00', notify: true, emails: [] },
    advancedRules: [{ threshold: '5.00', notify: true, inactivity: { value: 3, unit: 'days' }, emails: [] }],
  },
  {
    name: 'Business accounts',
    reseller: 'Blue Wave Networks',
    currency: 'EUR',
    sortOrder: 1,
    maxQty: 0,
    period: { value: 12, unit: 'hours' },
    userNotification: {
      threshold: '100.00',
      notify: true,
      users: ['bob@bluewave.example', 'carol@lowbal.example'],
      emails: ['finance@bluewave.example'],
    },
    clientNotification: { threshold: '40.00', notify: true, emails: ['accounts@bluewave.example'] },
    advancedRules: [
      {
        threshold: '0.00',
        notify: false,
        inactivity: { value: 7, unit: 'days' },
        emails: ['collections@bluewave.example'],
      },
    ],
  },
  {
    name: 'Credit watch',
    reseller: 'Acme Telecom',
    currency: 'GBP',
    sortOrder: 2,
    maxQty: 1,
    period: { value: 6, unit: 'hours' },
    userNotification: { threshold: '', notify: false, users: [], emails: [] },
    clientNotification: { threshold: '-10.00', notify: true, emails: [] },
    advancedRules: [
      { threshold: '25.00', notify: true, inactivity: { value: 12, unit: 'hours' }, emails: [] },
      {
        threshold: '-50.00',
        notify: false,
        inactivity: { value: 1, unit: 'days' },
        emails: ['risk@acme.example'],
      },
    ],
  },
];

export interface SampleClient {
  name: string;
  reseller: string;
  currency: string;
  billingEmail: string | null;
  /** The balance after every event, as a decimal string. */
  balance: string;
  credit?: string;
  profile: string | null;
  active?: boolean;
  /** When the client was created, in days before now. */
  createdDaysAgo: number;
  /** Charges (amounts as decimal strings), in days before now; none = never charged. */
  charges: { daysAgo: number; amount: string }[];
}

const recentCharges = (...amounts: string[]) =>
  amounts.map((amount, i) => ({ daysAgo: amounts.length - i - 0.5, amount }));

export const sampleClients: SampleClient[] = [
  // Acme Telecom, Prepaid standard (USD)
  {
    name: 'Northwind Cafe',
    reseller: 'Acme Telecom',
    currency: 'USD',
    billingEmail: 'accounts@northwind.example',
    balance: '182.40',
    profile: 'Prepaid standard',
    createdDaysAgo: 60,
    charges: recentCharges('12.30', '9.80', '14.10'),
  },
  {
    name: 'Harbor Dental',
    reseller: 'Acme Telecom',
    currency: 'USD',
    billingEmail: 'office@harbordental.example',
    balance: '43.75',
    profile: 'Prepaid standard',
    createdDaysAgo: 45,
    charges: recentCharges('6.25', '8.00'),
  },
  {
    name: 'Pine Street Books',
    reseller: 'Acme Telecom',
    currency: 'USD',
    billingEmail: 'owner@pinestreetbooks.example',
    balance: '18.20',
    profile: 'Prepaid standard',
    createdDaysAgo: 30,
    charges: recentCharges('4.40', '3.90', '5.10', '2.60'),
  },
  {
    name: 'Lakeside Motel',
    reseller: 'Acme Telecom',
    currency: 'USD',
    billingEmail: 'frontdesk@lakesidemotel.example',
    balance: '3.15',
    profile: 'Prepaid standard',
    createdDaysAgo: 40,
    charges: [
      { daysAgo: 9, amount: '7.50' },
      { daysAgo: 8, amount: '6.35' },
    ],
  },
  {
    name: 'Summit Fitness',
    reseller: 'Acme Telecom',
    currency: 'USD',
    billingEmail: null,
    balance: '12.00',
    credit: '25.00',
    profile: 'Prepaid standard',
    createdDaysAgo: 20,
    charges: recentCharges('3.00'),
  },
  {
    name: 'Riverbend Florist',
    reseller: 'Acme Telecom',
    currency: 'USD',
    billingEmail: 'hello@riverbendflorist.example',
    balance: '25.00',
    profile: 'Prepaid standard',
    createdDaysAgo: 10,
    charges: [],
  },
  {
    name: 'Old Mill Bakery',
    reseller: 'Acme Telecom',
    currency: 'USD',
    billingEmail: 'orders@oldmillbakery.example',
    balance: '4.10',
    profile: 'Prepaid standard',
    active: false,
    createdDaysAgo: 90,
    charges: [{ daysAgo: 35, amount: '20.00' }],
  },
  // Acme Telecom, Credit watch (GBP)
  {
    name: 'Kingsway Couriers',
    reseller: 'Acme Telecom',
    currency: 'GBP',
    billingEmail: 'finance@kingsway.example',
    balance: '-4.50',
    credit: '50.00',
    profile: 'Credit watch',
    createdDaysAgo: 50,
    charges: recentCharges('15.00', '22.50'),
  },
  {
    name: 'Thames Print Shop',
    reseller: 'Acme Telecom',
    currency: 'GBP',
    billingEmail: 'print@thamesprint.example',
    balance: '-62.00',
    credit: '40.00',
    profile: 'Credit watch',
    createdDaysAgo: 70,
    charges: [{ daysAgo: 8, amount: '31.00' }],
  },
  {
    name: 'Camden Records',
    reseller: 'Acme Telecom',
    currency: 'GBP',
    billingEmail: 'label@camdenrecords.example',
    balance: '140.00',
    profile: 'Credit watch',
    createdDaysAgo: 25,
    charges: recentCharges('10.00', '12.00'),
  },
  {
    name: 'Greenfield Farm Supply',
    reseller: 'Acme Telecom',
    currency: 'USD',
    billingEmail: 'office@greenfield.example',
    balance: '75.00',
    profile: 'Credit watch',
    createdDaysAgo: 15,
    charges: recentCharges('9.99'),
  },
  // Acme Telecom, no profile yet
  {
    name: 'Maple Auto Repair',
    reseller: 'Acme Telecom',
    currency: 'USD',
    billingEmail: 'service@mapleauto.example',
    balance: '8.00',
    profile: null,
    createdDaysAgo: 5,
    charges: [],
  },
  // Blue Wave Networks, Business accounts (EUR)
  {
    name: 'Atelier Lumière',
    reseller: 'Blue Wave Networks',
    currency: 'EUR',
    billingEmail: 'compta@atelierlumiere.example',
    balance: '512.00',
    profile: 'Business accounts',
    createdDaysAgo: 120,
    charges: recentCharges('44.00', '38.50', '41.20'),
  },
  {
    name: 'Brandt Logistik',
    reseller: 'Blue Wave Networks',
    currency: 'EUR',
    billingEmail: 'buchhaltung@brandt.example',
    balance: '86.30',
    profile: 'Business accounts',
    createdDaysAgo: 80,
    charges: recentCharges('25.00', '19.70'),
  },
  {
    name: 'Costa Azul Hostel',
    reseller: 'Blue Wave Networks',
    currency: 'EUR',
    billingEmail: 'reservas@costaazul.example',
    balance: '31.90',
    profile: 'Business accounts',
    createdDaysAgo: 33,
    charges: recentCharges('6.10', '7.00', '5.00'),
  },
  {
    name: 'Delft Design Studio',
    reseller: 'Blue Wave Networks',
    currency: 'EUR',
    billingEmail: 'studio@delftdesign.example',
    balance: '-12.40',
    credit: '10.00',
    profile: 'Business accounts',
    createdDaysAgo: 64,
    charges: [
      { daysAgo: 12, amount: '30.00' },
      { daysAgo: 8, amount: '22.40' },
    ],
  },
  {
    name: 'Elbe Yacht Charter',
    reseller: 'Blue Wave Networks',
    currency: 'USD',
    billingEmail: 'charter@elbeyachts.example',
    balance: '96.00',
    profile: 'Business accounts',
    createdDaysAgo: 22,
    charges: recentCharges('18.00'),
  },
  {
    name: 'Fjord Analytics',
    reseller: 'Blue Wave Networks',
    currency: 'EUR',
    billingEmail: 'billing@fjordanalytics.example',
    balance: '150.00',
    profile: 'Business accounts',
    createdDaysAgo: 9,
    charges: [],
  },
  // Blue Wave Networks, no profile
  {
    name: 'Galway Surf School',
    reseller: 'Blue Wave Networks',
    currency: 'EUR',
    billingEmail: 'info@galwaysurf.example',
    balance: '22.00',
    profile: null,
    createdDaysAgo: 14,
    charges: recentCharges('3.50'),
  },
  {
    name: 'Hanse Kontor',
    reseller: 'Blue Wave Networks',
    currency: 'GBP',
    billingEmail: null,
    balance: '0.00',
    profile: null,
    active: false,
    createdDaysAgo: 200,
    charges: [{ daysAgo: 100, amount: '15.00' }],
  },
];
