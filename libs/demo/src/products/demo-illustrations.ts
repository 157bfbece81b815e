/**
 * Stylised product pictures for the demo catalog, drawn as SVG and rasterised by sharp. Shapes and
 * gradients only: no text, so nothing depends on the fonts installed where the seed runs.
 */

export type Art =
  | 'bottle'
  | 'vial'
  | 'spray'
  | 'jar'
  | 'jug'
  | 'giftBox'
  | 'coconut'
  | 'coconutHalves'
  | 'candy'
  | 'ricePaper'
  | 'cake'
  | 'nem'
  | 'roll'
  | 'driedFish'
  | 'squid'
  | 'shrimp'
  | 'seaweed'
  | 'mango'
  | 'jackfruit'
  | 'pomelo'
  | 'rice'
  | 'lemongrass'
  | 'tea'
  | 'hat'
  | 'textile'
  | 'bambooShoot'
  | 'salt'
  | 'candle'
  | 'mat';

export interface Picture {
  art: Art;
  /** The product's own colour: the liquid in a bottle, the fruit's skin, the candy wrapper… */
  tint: string;
}

type Backdrop = 'sea' | 'field' | 'village';

const BACKDROPS: Record<Art, Backdrop> = {
  bottle: 'village',
  vial: 'field',
  spray: 'field',
  jar: 'village',
  jug: 'village',
  giftBox: 'village',
  coconut: 'sea',
  coconutHalves: 'sea',
  candy: 'village',
  ricePaper: 'village',
  cake: 'village',
  nem: 'village',
  roll: 'village',
  driedFish: 'sea',
  squid: 'sea',
  shrimp: 'sea',
  seaweed: 'sea',
  salt: 'sea',
  mango: 'field',
  jackfruit: 'field',
  pomelo: 'field',
  rice: 'field',
  lemongrass: 'field',
  tea: 'field',
  bambooShoot: 'field',
  hat: 'village',
  textile: 'village',
  candle: 'village',
  mat: 'village',
};

const BACKGROUNDS: Record<Backdrop, [string, string]> = {
  sea: ['#e0f2fe', '#93c5fd'],
  field: ['#f0fdf4', '#a7f3d0'],
  village: ['#fff7ed', '#fdba74'],
};

/** The cover: the product alone on a soft gradient, square. */
export function coverSvg(picture: Picture, seed: string): Buffer {
  const random = randomFrom(seed);
  const [top, bottom] = BACKGROUNDS[BACKDROPS[picture.art]];
  const bokeh = Array.from(
    { length: 7 },
    () => `<circle cx="${n(random() * 1000)}" cy="${n(random() * 600)}" r="${n(40 + random() * 110)}" fill="#fff" opacity="${n(0.12 + random() * 0.2)}"/>`,
  ).join('');
  return svg(
    1000,
    1000,
    1024,
    1024,
    `
    <defs>${gradient('bg', top, bottom)}</defs>
    <rect width="1000" height="1000" fill="url(#bg)"/>${bokeh}
    <rect y="800" width="1000" height="200" fill="#000" opacity="0.06"/>
    <g transform="rotate(${n((random() - 0.5) * 6)} 500 520)">${draw(picture, random)}</g>`,
  );
}

/** The second picture: the product on a bamboo tray in the landscape it comes from, 4:3. */
export function sceneSvg(picture: Picture, seed: string): Buffer {
  const random = randomFrom(`${seed}/scene`);
  const backdrop = BACKDROPS[picture.art];
  const land = {
    sea: `<rect y="330" width="1000" height="120" fill="#38bdf8"/><path d="M0 350 Q250 330 500 350 T1000 350 V450 H0Z" fill="#0ea5e9" opacity="0.5"/><rect y="450" width="1000" height="300" fill="#fde68a"/>`,
    field: `<path d="M0 380 Q200 300 420 360 T1000 330 V750 H0Z" fill="#86efac"/><path d="M0 470 Q300 420 600 470 T1000 450 V750 H0Z" fill="#4ade80"/>${Array.from({ length: 14 }, (_, i) => `<path d="M${i * 75} 750 L${i * 75 + 40} 470" stroke="#16a34a" stroke-width="6" opacity="0.35"/>`).join('')}`,
    village: `<path d="M0 400 L120 300 L260 400Z" fill="#a16207" opacity="0.5"/><path d="M700 410 L840 290 L990 410Z" fill="#a16207" opacity="0.45"/><rect y="400" width="1000" height="350" fill="#d6b48a"/>`,
  }[backdrop];
  const weave = Array.from(
    { length: 9 },
    (_, i) => `<ellipse cx="500" cy="640" rx="${380 - i * 40}" ry="${95 - i * 10}" fill="none" stroke="#92400e" stroke-width="3" opacity="0.35"/>`,
  ).join('');
  return svg(
    1000,
    750,
    1024,
    768,
    `
    <defs>${gradient('sky', '#bae6fd', '#f0f9ff')}</defs>
    <rect width="1000" height="750" fill="url(#sky)"/>
    <circle cx="${n(150 + random() * 700)}" cy="110" r="55" fill="#fde047" opacity="0.9"/>
    ${land}
    <ellipse cx="500" cy="650" rx="400" ry="100" fill="#d97706"/><ellipse cx="500" cy="640" rx="385" ry="95" fill="#f59e0b"/>${weave}
    <g transform="translate(150 45) scale(0.7)">${draw(picture, random)}</g>`,
  );
}

function draw({ art, tint }: Picture, random: () => number): string {
  const shadow = (rx: number) => `<ellipse cx="500" cy="840" rx="${rx}" ry="30" fill="#000" opacity="0.15"/>`;
  const scatter = (count: number, shape: (x: number, y: number, turn: number, i: number) => string) =>
    Array.from({ length: count }, (_, i) => shape(230 + random() * 540, 420 + random() * 360, (random() - 0.5) * 70, i)).join('');
  switch (art) {
    case 'bottle':
      return `${shadow(170)}
        <path d="M445 170 h110 v110 q0 40 60 85 q45 35 45 105 v330 q0 40 -40 40 h-240 q-40 0 -40 -40 v-330 q0 -70 45 -105 q60 -45 60 -85z" fill="#ecfeff" opacity="0.55" stroke="#64748b" stroke-width="6"/>
        <rect x="365" y="430" width="270" height="385" rx="30" fill="${tint}" opacity="0.9"/>
        <rect x="380" y="520" width="240" height="170" rx="14" fill="#fff7ed"/><circle cx="500" cy="605" r="52" fill="${tint}"/><rect x="400" y="660" width="200" height="12" rx="6" fill="#b91c1c"/>
        <rect x="430" y="120" width="140" height="70" rx="12" fill="#b91c1c"/><rect x="395" y="420" width="26" height="360" rx="13" fill="#fff" opacity="0.35"/>`;
    case 'vial':
      return `${shadow(200)}
        <path d="M280 820 Q300 500 360 260 M320 820 Q380 560 470 300 M700 820 Q690 520 640 280" stroke="#65a30d" stroke-width="18" fill="none" stroke-linecap="round"/>
        <rect x="420" y="430" width="180" height="390" rx="40" fill="${tint}" stroke="#78350f" stroke-width="6"/>
        <rect x="440" y="560" width="140" height="130" rx="10" fill="#fefce8"/><path d="M470 650 q40 -90 80 -40" stroke="#65a30d" stroke-width="12" fill="none"/>
        <rect x="455" y="340" width="110" height="100" rx="14" fill="#1f2937"/><rect x="480" y="250" width="60" height="100" rx="30" fill="#111827"/><rect x="440" y="450" width="22" height="320" rx="11" fill="#fff" opacity="0.3"/>`;
    case 'spray':
      return `${shadow(150)}
        <rect x="380" y="380" width="240" height="440" rx="50" fill="${tint}" stroke="#166534" stroke-width="6"/>
        <rect x="400" y="520" width="200" height="160" rx="12" fill="#f7fee7"/><path d="M450 650 q50 -120 100 -20" stroke="#4d7c0f" stroke-width="14" fill="none"/>
        <rect x="440" y="300" width="120" height="90" rx="10" fill="#f8fafc" stroke="#94a3b8" stroke-width="6"/><path d="M560 320 h80 v30 h-80z" fill="#e2e8f0"/><rect x="470" y="250" width="60" height="60" rx="10" fill="#e2e8f0"/>
        <rect x="400" y="400" width="22" height="380" rx="11" fill="#fff" opacity="0.3"/>`;
    case 'jar':
      return `${shadow(200)}
        <rect x="320" y="400" width="360" height="420" rx="60" fill="#f8fafc" opacity="0.7" stroke="#94a3b8" stroke-width="6"/>
        <rect x="335" y="470" width="330" height="335" rx="50" fill="${tint}"/>
        <rect x="300" y="330" width="400" height="90" rx="20" fill="#a16207"/><rect x="300" y="360" width="400" height="14" fill="#713f12" opacity="0.4"/>
        <circle cx="500" cy="640" r="95" fill="#fefce8"/><circle cx="500" cy="640" r="60" fill="none" stroke="${tint}" stroke-width="14"/><rect x="350" y="480" width="26" height="300" rx="13" fill="#fff" opacity="0.35"/>`;
    case 'jug':
      return `${shadow(230)}
        <path d="M420 250 h160 v60 q180 60 180 260 q0 250 -260 250 q-260 0 -260 -250 q0 -200 180 -260z" fill="${tint}"/>
        <path d="M330 500 q20 -120 120 -170" stroke="#fff" stroke-width="26" fill="none" opacity="0.25" stroke-linecap="round"/>
        <rect x="400" y="200" width="200" height="70" rx="30" fill="#fde68a"/><path d="M400 255 h200" stroke="#dc2626" stroke-width="16"/>
        <path d="M300 560 q200 60 400 0" stroke="#000" stroke-width="10" fill="none" opacity="0.2"/><circle cx="500" cy="620" r="70" fill="#dc2626" opacity="0.85"/>`;
    case 'giftBox':
      return `${shadow(280)}
        <rect x="240" y="420" width="520" height="400" rx="16" fill="${tint}"/><rect x="220" y="360" width="560" height="100" rx="16" fill="${tint}" stroke="#000" stroke-opacity="0.15" stroke-width="6"/>
        <rect x="470" y="360" width="60" height="460" fill="#facc15"/><path d="M500 360 q-140 -140 -180 -40 q40 60 180 40 q140 20 180 -40 q-40 -100 -180 40z" fill="#facc15"/>
        <circle cx="360" cy="620" r="60" fill="#fff" opacity="0.2"/><circle cx="640" cy="620" r="60" fill="#fff" opacity="0.2"/>`;
    case 'coconut':
      return `${shadow(300)}
        <circle cx="340" cy="640" r="170" fill="${tint}"/><circle cx="660" cy="650" r="160" fill="${tint}"/><circle cx="300" cy="590" r="60" fill="#fff" opacity="0.18"/>
        <circle cx="500" cy="520" r="190" fill="${tint}" stroke="#14532d" stroke-width="6"/><ellipse cx="500" cy="380" rx="120" ry="50" fill="#f0fdf4" stroke="#166534" stroke-width="8"/>
        <ellipse cx="500" cy="385" rx="80" ry="28" fill="#ecfccb"/><path d="M520 380 L600 180" stroke="#ef4444" stroke-width="18" stroke-linecap="round"/><circle cx="430" cy="480" r="55" fill="#fff" opacity="0.18"/>`;
    case 'coconutHalves':
      return `${shadow(300)}
        ${[330, 670].map((x) => `<path d="M${x - 170} 600 a170 170 0 0 0 340 0z" fill="${tint}"/>${[1, 2, 3].map((k) => `<path d="M${x - 170 + k * 20} ${620 + k * 25} q${150 - k * 20} ${60 - k * 10} ${300 - k * 40} 0" stroke="#451a03" stroke-width="5" fill="none" opacity="0.4"/>`).join('')}<ellipse cx="${x}" cy="600" rx="170" ry="55" fill="#78350f"/><ellipse cx="${x}" cy="600" rx="145" ry="45" fill="#fefce8"/><ellipse cx="${x}" cy="605" rx="100" ry="28" fill="#f1f5f9"/>`).join('')}`;
    case 'candy':
      return `${shadow(300)}${scatter(14, (x, y, turn, i) => `<g transform="rotate(${n(turn)} ${n(x)} ${n(y)})"><path d="M${n(x - 95)} ${n(y - 30)} l35 30 l-35 30z M${n(x + 95)} ${n(y - 30)} l-35 30 l35 30z" fill="${i % 3 === 0 ? '#fef3c7' : tint}"/><rect x="${n(x - 65)}" y="${n(y - 32)}" width="130" height="64" rx="24" fill="${i % 3 === 0 ? tint : '#fef3c7'}"/><rect x="${n(x - 50)}" y="${n(y - 20)}" width="100" height="14" rx="7" fill="#fff" opacity="0.4"/></g>`)}`;
    case 'ricePaper':
      return `${shadow(320)}
        ${[0, 1, 2, 3].map((i) => `<ellipse cx="${500 + i * 6}" cy="${760 - i * 40}" rx="320" ry="80" fill="${tint}" stroke="#d6d3d1" stroke-width="4"/>`).join('')}
        <ellipse cx="520" cy="630" rx="320" ry="80" fill="${tint}" stroke="#a8a29e" stroke-width="4"/>
        ${Array.from({ length: 70 }, () => `<ellipse cx="${n(260 + random() * 520)}" cy="${n(585 + random() * 90)}" rx="6" ry="3" fill="#1c1917" opacity="0.8"/>`).join('')}
        <path d="M260 600 q120 -40 260 -10 q160 30 250 -10" stroke="#b45309" stroke-width="8" fill="none" opacity="0.3"/>`;
    case 'cake':
      return `${shadow(300)}<ellipse cx="500" cy="760" rx="330" ry="70" fill="#65a30d"/>
        ${[
          [330, 700],
          [500, 670],
          [670, 700],
          [415, 560],
          [590, 560],
        ]
          .map(
            ([x, y]) =>
              `<path d="M${x} ${y - 150} L${x + 110} ${y + 40} Q${x} ${y + 70} ${x - 110} ${y + 40}Z" fill="${tint}" stroke="#000" stroke-opacity="0.2" stroke-width="6"/><path d="M${x - 20} ${y - 80} l-30 60" stroke="#fff" stroke-width="10" opacity="0.25" stroke-linecap="round"/>`,
          )
          .join('')}`;
    case 'nem':
      return `${shadow(300)}
        ${[
          [320, 640],
          [520, 600],
          [700, 660],
          [420, 760],
          [620, 770],
        ]
          .map(
            ([x, y]) =>
              `<rect x="${x - 80}" y="${y - 55}" width="160" height="110" rx="18" fill="#16a34a" stroke="#14532d" stroke-width="6"/><path d="M${x - 80} ${y} h160 M${x} ${y - 55} v110" stroke="#fde68a" stroke-width="8"/>`,
          )
          .join('')}
        <rect x="420" y="420" width="160" height="120" rx="18" fill="${tint}"/>${Array.from({ length: 10 }, () => `<circle cx="${n(440 + random() * 120)}" cy="${n(440 + random() * 80)}" r="7" fill="#fff7ed"/>`).join('')}
        <path d="M600 470 q60 -30 90 -100" stroke="#dc2626" stroke-width="22" stroke-linecap="round" fill="none"/>`;
    case 'roll':
      return `${shadow(320)}
        <rect x="250" y="480" width="420" height="200" rx="100" fill="#16a34a" stroke="#14532d" stroke-width="6"/><ellipse cx="670" cy="580" rx="60" ry="100" fill="${tint}" stroke="#e7e5e4" stroke-width="10"/>
        ${[0, 1, 2].map((i) => `<ellipse cx="${430 + i * 130}" cy="${760 - (i % 2) * 20}" rx="70" ry="45" fill="${tint}" stroke="#e7e5e4" stroke-width="8"/>`).join('')}
        <path d="M330 480 v200 M450 480 v200 M570 480 v200" stroke="#fde68a" stroke-width="8"/>`;
    case 'driedFish':
      return `${shadow(330)}${Array.from({ length: 6 }, (_, i) => {
        const x = 320 + (i % 3) * 180;
        const y = 520 + Math.floor(i / 3) * 200;
        return `<g transform="rotate(${n((random() - 0.5) * 30)} ${x} ${y})"><path d="M${x - 140} ${y} q140 -90 260 0 q-120 90 -260 0z" fill="${tint}" stroke="#78350f" stroke-width="5"/><path d="M${x + 120} ${y} l50 -45 v90z" fill="${tint}" stroke="#78350f" stroke-width="5"/><circle cx="${x - 95}" cy="${y - 8}" r="9" fill="#1c1917"/><path d="M${x - 60} ${y - 30} q60 25 150 0" stroke="#fff" stroke-width="6" fill="none" opacity="0.4"/></g>`;
      }).join('')}`;
    case 'squid':
      return `${shadow(320)}${[330, 670].map((x) => `<g transform="rotate(${n((random() - 0.5) * 20)} ${x} 560)"><path d="M${x} 260 q110 120 90 330 h-180 q-20 -210 90 -330z" fill="${tint}"/><path d="M${x - 120} 380 l40 -60 l20 90z M${x + 120} 380 l-40 -60 l-20 90z" fill="${tint}"/>${[-70, -40, -10, 20, 50, 80].map((dx) => `<path d="M${x + dx} 590 q${dx / 3} 120 ${dx / 2} 220" stroke="${tint}" stroke-width="18" fill="none" stroke-linecap="round"/>`).join('')}<circle cx="${x - 40}" cy="560" r="14" fill="#1c1917"/><circle cx="${x + 40}" cy="560" r="14" fill="#1c1917"/><path d="M${x - 40} 330 q40 -30 80 0" stroke="#fff" stroke-width="10" fill="none" opacity="0.35"/></g>`).join('')}`;
    case 'shrimp':
      return `${shadow(320)}${scatter(9, (x, y, turn) => `<g transform="rotate(${n(turn * 2)} ${n(x)} ${n(y)})"><path d="M${n(x - 60)} ${n(y)} a60 60 0 1 1 120 0 q0 20 -20 40 a40 40 0 1 0 -40 -40z" fill="${tint}" stroke="#9a3412" stroke-width="4"/><path d="M${n(x + 55)} ${n(y + 30)} l40 20 l-10 -40z" fill="${tint}"/></g>`)}`;
    case 'seaweed':
      return `${shadow(300)}<ellipse cx="500" cy="760" rx="320" ry="70" fill="#a16207"/>${Array.from({ length: 9 }, (_, i) => `<path d="M${300 + i * 50} 770 q${n(-60 + random() * 120)} -150 ${n(-20 + random() * 40)} -300 t${n(-30 + random() * 60)} -180" stroke="${tint}" stroke-width="${n(22 + random() * 14)}" fill="none" stroke-linecap="round" opacity="0.9"/>`).join('')}`;
    case 'mango':
      return `${shadow(320)}
        <defs>${gradient('mango', '#fde047', tint)}</defs>
        ${[
          [360, 640, -25],
          [640, 640, 20],
          [500, 520, 5],
        ]
          .map(
            ([x, y, turn]) =>
              `<g transform="rotate(${turn} ${x} ${y})"><ellipse cx="${x}" cy="${y}" rx="120" ry="180" fill="url(#mango)"/><ellipse cx="${x - 40}" cy="${y - 70}" rx="30" ry="60" fill="#fff" opacity="0.25"/><path d="M${x} ${y - 180} q20 -40 60 -50" stroke="#65a30d" stroke-width="10" fill="none"/></g>`,
          )
          .join('')}
        <path d="M560 330 q120 -80 220 -20 q-100 60 -220 20z" fill="#16a34a"/>`;
    case 'jackfruit':
      return `${shadow(320)}
        <ellipse cx="430" cy="560" rx="210" ry="270" fill="${tint}" stroke="#3f6212" stroke-width="6"/>
        ${Array.from({ length: 60 }, () => `<circle cx="${n(280 + random() * 300)}" cy="${n(330 + random() * 460)}" r="9" fill="#3f6212" opacity="0.45"/>`).join('')}
        <path d="M600 640 a150 150 0 0 1 160 180 h-200z" fill="#facc15" stroke="#a16207" stroke-width="6"/>${[0, 1, 2, 3].map((i) => `<ellipse cx="${620 + i * 30}" cy="${730 + (i % 2) * 30}" rx="24" ry="40" fill="#f59e0b"/>`).join('')}
        <path d="M430 290 v-70" stroke="#713f12" stroke-width="18" stroke-linecap="round"/>`;
    case 'pomelo':
      return `${shadow(320)}
        <circle cx="420" cy="560" r="240" fill="${tint}"/><circle cx="340" cy="470" r="80" fill="#fff" opacity="0.18"/>
        <path d="M420 320 q40 -90 140 -110 q-30 90 -140 110z" fill="#15803d"/>
        <circle cx="690" cy="720" r="130" fill="#f0fdf4" stroke="${tint}" stroke-width="16"/>${Array.from({ length: 10 }, (_, i) => `<path d="M690 720 L${n(690 + 110 * Math.cos((i * Math.PI) / 5))} ${n(720 + 110 * Math.sin((i * Math.PI) / 5))}" stroke="#fff" stroke-width="8"/>`).join('')}<circle cx="690" cy="720" r="105" fill="#fda4af" opacity="0.7"/>`;
    case 'rice':
      return `${shadow(300)}
        <path d="M330 380 q-60 220 -40 430 h420 q20 -210 -40 -430z" fill="${tint}" stroke="#78350f" stroke-width="6"/><path d="M330 380 q170 -80 340 0 l-40 -80 q-130 40 -260 0z" fill="${tint}" stroke="#78350f" stroke-width="6"/>
        <path d="M350 360 q150 30 300 0" stroke="#dc2626" stroke-width="16" fill="none"/><circle cx="500" cy="600" r="90" fill="#fefce8" opacity="0.85"/>
        ${Array.from({ length: 45 }, () => `<ellipse cx="${n(420 + random() * 160)}" cy="${n(560 + random() * 80)}" rx="9" ry="5" fill="#fff" stroke="#d6d3d1" stroke-width="2"/>`).join('')}
        <path d="M720 820 q40 -200 0 -420" stroke="#ca8a04" stroke-width="10" fill="none"/>${[0, 1, 2, 3, 4, 5].map((i) => `<ellipse cx="${735 - i * 3}" cy="${440 + i * 50}" rx="14" ry="26" fill="#eab308"/>`).join('')}`;
    case 'lemongrass':
      return `${shadow(260)}${Array.from({ length: 9 }, (_, i) => {
        const x = 380 + i * 30;
        return `<path d="M${x} 820 L${x + 10} 520" stroke="#fef9c3" stroke-width="30" stroke-linecap="round"/><path d="M${x + 10} 540 q${n((i - 4) * 40)} -200 ${n((i - 4) * 55)} -360" stroke="${tint}" stroke-width="18" fill="none" stroke-linecap="round"/>`;
      }).join('')}<path d="M370 700 h300" stroke="#b45309" stroke-width="18"/>`;
    case 'tea':
      return `${shadow(300)}
        <path d="M320 560 h320 q0 250 -160 250 q-160 0 -160 -250z" fill="#f8fafc" stroke="#94a3b8" stroke-width="6"/><ellipse cx="480" cy="565" rx="155" ry="30" fill="${tint}"/>
        <path d="M640 600 q90 0 70 90 q-20 60 -90 60" stroke="#94a3b8" stroke-width="16" fill="none"/>
        ${scatter(8, (x, y, turn) => `<path d="M${n(x)} ${n(y - 260)} q40 -50 80 0 q-40 50 -80 0z" fill="#15803d" transform="rotate(${n(turn)} ${n(x)} ${n(y - 260)})"/>`)}`;
    case 'hat':
      return `${shadow(330)}
        <ellipse cx="500" cy="720" rx="340" ry="90" fill="#a16207" opacity="0.35"/><path d="M160 700 L500 230 L840 700 Q500 800 160 700z" fill="${tint}" stroke="#a16207" stroke-width="6"/>
        ${[1, 2, 3, 4, 5, 6].map((i) => `<path d="M${500 - i * 57} ${230 + i * 78} Q500 ${250 + i * 90} ${500 + i * 57} ${230 + i * 78}" stroke="#a16207" stroke-width="5" fill="none" opacity="0.6"/>`).join('')}
        <circle cx="500" cy="236" r="24" fill="#cbd5e1" stroke="#64748b" stroke-width="4"/><path d="M330 470 Q500 520 670 470" stroke="#dc2626" stroke-width="12" fill="none"/>`;
    case 'textile':
      return `${shadow(330)}
        <path d="M200 420 h600 l-40 380 h-520z" fill="${tint}"/>
        ${[470, 560, 650, 740].map((y, i) => `<rect x="${205 + (y - 420) / 10}" y="${y}" width="${590 - (y - 420) / 5}" height="30" fill="${i % 2 ? '#facc15' : '#1c1917'}"/>`).join('')}
        ${[0, 1, 2, 3, 4, 5].map((i) => `<path d="M${280 + i * 90} 600 l30 -30 l30 30 l-30 30z" fill="#fff" opacity="0.8"/>`).join('')}
        <path d="M200 420 q300 -80 600 0 l-10 40 q-290 -70 -580 0z" fill="${tint}" stroke="#000" stroke-opacity="0.2" stroke-width="6"/>`;
    case 'bambooShoot':
      return `${shadow(300)}${[
        [360, 0],
        [520, 1],
        [660, 2],
      ]
        .map(
          ([x, i]) =>
            `<g transform="rotate(${(i - 1) * 18} ${x} 800)"><path d="M${x - 80} 800 Q${x} 300 ${x + 10} 260 Q${x + 30} 420 ${x + 80} 800z" fill="${tint}" stroke="#78350f" stroke-width="5"/>${[0, 1, 2, 3].map((k) => `<path d="M${x - 70 + k * 10} ${760 - k * 110} q70 -30 140 0" stroke="#78350f" stroke-width="6" fill="none" opacity="0.5"/>`).join('')}</g>`,
        )
        .join('')}`;
    case 'salt':
      return `${shadow(330)}
        <path d="M190 800 Q500 300 810 800z" fill="${tint}" stroke="#cbd5e1" stroke-width="6"/>
        ${scatter(40, (x, y) => `<path d="M${n(x)} ${n(Math.max(y, 600))} l9 -9 l9 9 l-9 9z" fill="#fff" stroke="#cbd5e1" stroke-width="2"/>`)}
        <path d="M660 790 l160 -260" stroke="#92400e" stroke-width="26" stroke-linecap="round"/><ellipse cx="650" cy="800" rx="70" ry="36" fill="#b45309"/>`;
    case 'candle':
      return `${shadow(220)}
        <rect x="330" y="420" width="340" height="400" rx="40" fill="#f8fafc" opacity="0.7" stroke="#94a3b8" stroke-width="6"/><rect x="345" y="500" width="310" height="305" rx="30" fill="${tint}"/>
        <path d="M500 500 v-50" stroke="#1c1917" stroke-width="8"/><path d="M500 450 q-40 -60 0 -130 q40 70 0 130z" fill="#f59e0b"/><path d="M500 440 q-18 -30 0 -70 q18 40 0 70z" fill="#fef08a"/>
        <path d="M380 700 q60 -80 120 0 q60 80 120 0" stroke="#65a30d" stroke-width="14" fill="none"/>`;
    case 'mat':
      return `${shadow(340)}
        <rect x="180" y="470" width="640" height="330" rx="20" fill="${tint}"/>
        ${Array.from({ length: 16 }, (_, i) => `<path d="M${200 + i * 40} 470 v330" stroke="#451a03" stroke-width="5" opacity="0.35"/>`).join('')}${Array.from({ length: 8 }, (_, i) => `<path d="M180 ${490 + i * 40} h640" stroke="#451a03" stroke-width="5" opacity="0.35"/>`).join('')}
        <rect x="180" y="470" width="640" height="330" rx="20" fill="none" stroke="#451a03" stroke-width="14"/>`;
  }
}

function svg(width: number, height: number, pixelWidth: number, pixelHeight: number, body: string): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${pixelWidth}" height="${pixelHeight}">${body}</svg>`);
}

function gradient(id: string, from: string, to: string): string {
  return `<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>`;
}

/** Coordinates to one decimal keep the SVG small and readable. */
const n = (value: number) => Math.round(value * 10) / 10;

/** Deterministic per product, so a picture looks the same on every machine that seeds. */
function randomFrom(seed: string): () => number {
  let state = [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
