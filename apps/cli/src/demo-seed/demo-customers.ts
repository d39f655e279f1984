import type { CreateCustomerDto } from '@nexus/invoices';
import { SeededRandom } from './seeded-random';

// prettier-ignore
const FIRST_WORDS = [
  'Blue Harbor', 'Granite Peak', 'Maple & Finch', 'Northstar', 'Copperline', 'Bright Orchard', 'Tidewater', 'Red Cedar',
  'Silver Birch', 'Ironwood', 'Lumen', 'Juniper', 'Clearwater', 'Summit Ridge', 'Wildflower', 'Kestrel', 'Foxglove',
  'Beacon Hill', 'Cobalt', 'Meridian', 'Driftwood', 'Evergreen', 'Harvest Moon', 'Quarry Lane', 'Sandpiper',
];

// prettier-ignore
const TRADES = [
  'Logistics', 'Studios', 'Labs', 'Foods', 'Consulting', 'Dental', 'Architects', 'Outfitters', 'Analytics', 'Bakery',
  'Fitness', 'Media', 'Robotics', 'Law Group', 'Coffee Roasters', 'Veterinary', 'Print Co', 'Solar', 'Gallery', 'Brewing',
];

const STREETS = ['Harbor Street', 'Oak Avenue', 'Mill Road', 'Canal Street', 'Union Square', 'Pine Street', 'Market Street', 'River Road'];

const US_CITIES = [
  { city: 'Portland', state: 'OR', postalCode: '97205' },
  { city: 'Austin', state: 'TX', postalCode: '78701' },
  { city: 'Denver', state: 'CO', postalCode: '80202' },
  { city: 'Chicago', state: 'IL', postalCode: '60601' },
  { city: 'Boston', state: 'MA', postalCode: '02108' },
  { city: 'Seattle', state: 'WA', postalCode: '98101' },
  { city: 'Atlanta', state: 'GA', postalCode: '30303' },
  { city: 'Brooklyn', state: 'NY', postalCode: '11201' },
  { city: 'San Diego', state: 'CA', postalCode: '92101' },
  { city: 'Madison', state: 'WI', postalCode: '53703' },
];

/** Customers billed in euros, with their country's legal form and VAT number shape. */
// prettier-ignore
const EU_PLACES = [
  { city: 'Berlin', postalCode: '10115', country: 'DE', legalForm: 'GmbH', vat: (r: SeededRandom) => `DE${r.int(100_000_000, 999_999_999)}` },
  { city: 'Rotterdam', postalCode: '3011 AA', country: 'NL', legalForm: 'B.V.', vat: (r: SeededRandom) => `NL${r.int(100_000_000, 999_999_999)}B01` },
  { city: 'Lyon', postalCode: '69002', country: 'FR', legalForm: 'SARL', vat: (r: SeededRandom) => `FR${r.int(10, 99)}${r.int(100_000_000, 999_999_999)}` },
  { city: 'Dublin', postalCode: 'D02 X285', country: 'IE', legalForm: 'Ltd', vat: (r: SeededRandom) => `IE${r.int(1_000_000, 9_999_999)}A` },
];

/** Every this-many-th customer is European and billed in EUR; the rest in USD, the organization's currency. */
const EUR_EVERY = 8;

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** `count` distinct, plausible business customers (the same ones for the same seed). */
export function demoCustomers(count: number, random: SeededRandom): CreateCustomerDto[] {
  const names = new Set<string>();
  const customers: CreateCustomerDto[] = [];
  const firsts = random.shuffle(FIRST_WORDS);
  for (let i = 0; customers.length < count; i++) {
    const base = `${firsts[i % firsts.length]} ${random.pick(TRADES)}`;
    if (names.has(base)) continue;
    names.add(base);
    const european = customers.length % EUR_EVERY === EUR_EVERY - 1;
    const street = `${random.int(1, 980)} ${random.pick(STREETS)}`;
    if (european) {
      const place = random.pick(EU_PLACES);
      customers.push({
        name: `${base} ${place.legalForm}`,
        email: `rechnungen@${slug(base)}.example`,
        address: { line1: street, city: place.city, postalCode: place.postalCode, country: place.country },
        taxId: place.vat(random),
        currency: 'EUR',
      });
      continue;
    }
    const place = random.pick(US_CITIES);
    customers.push({
      name: `${base}${random.pick([' LLC', ' Inc.', ''])}`,
      // Some small customers have no billing email on file: the frontend must cope.
      ...(random.chance(0.9) ? { email: `billing@${slug(base)}.example` } : {}),
      address: { line1: street, ...(random.chance(0.2) ? { line2: `Suite ${random.int(100, 900)}` } : {}), ...place, country: 'US' },
      ...(random.chance(0.4) ? { taxId: `${random.int(10, 99)}-${random.int(1_000_000, 9_999_999)}` } : {}),
      currency: 'USD',
    });
  }
  return customers;
}
