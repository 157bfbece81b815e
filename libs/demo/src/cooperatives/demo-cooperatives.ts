import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdminUnitsService, Role, slugify, UsersService } from '@nongsan/core';
import { CooperativeBackfill, CooperativeStatus } from '@nongsan/seller';
import type { DataSource } from 'typeorm';
import { DEMO_PASSWORD, type DemoSeedRun, type DemoSeedStep } from '../demo-step.js';

export interface DemoCooperative {
  /** Names the admin's login: htx.<handle>@demo.nongsan.vn. */
  handle: string;
  taxCode: string;
  name: string;
  representative: string;
  /** E.164. */
  phone: string;
  /** A current ward code, or the old commune code people still write (mapped as the API maps it). */
  place: string;
  addressLine: string;
  description: string;
  status: CooperativeStatus.Draft | CooperativeStatus.Submitted | CooperativeStatus.Approved;
  registeredDaysAgo: number;
}

/**
 * Cooperatives of the former Bình Định area, each where its product really comes from. Most are
 * approved; two wait for review and one is still a draft, so the Department's queue is not empty.
 * Tax codes carry valid check digits (41… is Bình Định's prefix).
 */
export const DEMO_COOPERATIVES: DemoCooperative[] = [
  {
    handle: 'duatamquan',
    taxCode: '4101623512',
    name: 'Hợp tác xã Nông nghiệp Dừa Tam Quan Bắc',
    representative: 'Nguyễn Văn Thành',
    phone: '+842563851268',
    place: '21655', // phường Tam Quan Bắc cũ, nay phường Hoài Nhơn Bắc
    addressLine: 'Khu phố 2',
    description:
      'Hơn 300 hộ xã viên trồng dừa xiêm, dừa ta trên đất cát ven biển Tam Quan. Hợp tác xã thu mua dừa tươi, ép dầu dừa nguyên chất và nấu kẹo dừa theo cách truyền thống.',
    status: CooperativeStatus.Approved,
    registeredDaysAgo: 410,
  },
  {
    handle: 'banhtrangtamquan',
    taxCode: '4101704828',
    name: 'Hợp tác xã Bánh tráng nước dừa Tam Quan',
    representative: 'Trần Thị Hoa',
    phone: '+84905318462',
    place: '21637',
    addressLine: 'Khu phố 5',
    description:
      'Các lò tráng bánh gia đình ở Tam Quan cùng làm bánh tráng bằng bột gạo, nước cốt dừa và mè đen; bánh phơi nắng tự nhiên trên giàn tre, nướng than hồng.',
    status: CooperativeStatus.Approved,
    registeredDaysAgo: 380,
  },
  {
    handle: 'bauda',
    taxCode: '4101587367',
    name: 'Hợp tác xã Rượu Bàu Đá Cù Lâm',
    representative: 'Võ Văn Dũng',
    phone: '+842563737119',
    place: '21940', // xã Nhơn Lộc cũ, nay xã An Nhơn Tây
    addressLine: 'Thôn Cù Lâm',
    description: 'Rượu gạo men lá nấu theo bí quyết làng Cù Lâm bằng nước giếng Bàu Đá, chưng cất hai lần và hạ thổ trong chum sành trước khi đóng chai.',
    status: CooperativeStatus.Approved,
    registeredDaysAgo: 365,
  },
  {
    handle: 'nhontan',
    taxCode: '4101752099',
    name: 'Hợp tác xã Nông nghiệp Nhơn Tân',
    representative: 'Lê Văn Phúc',
    phone: '+84979204618',
    place: '21946', // xã Nhơn Tân cũ → xã An Nhơn Tây
    addressLine: 'Thôn Nam Tượng 1',
    description: 'Trồng sả chanh, sả Java trên đồi Nhơn Tân và chưng cất tinh dầu bằng hơi nước ngay tại vùng nguyên liệu, không pha hương liệu.',
    status: CooperativeStatus.Approved,
    registeredDaysAgo: 300,
  },
  {
    handle: 'chohuyen',
    taxCode: '4101638741',
    name: 'Hợp tác xã Nem chả chợ Huyện Phước Lộc',
    representative: 'Phạm Thị Lan',
    phone: '+84914552073',
    place: '21976', // xã Phước Lộc cũ → xã Tuy Phước
    addressLine: 'Thôn Trung Thành',
    description: 'Giữ nghề làm nem chợ Huyện, tré rơm và chả ram tôm đất: thịt heo nóng mổ trong ngày, gói lá chuối, lá ổi, không dùng hàn the hay phẩm màu.',
    status: CooperativeStatus.Approved,
    registeredDaysAgo: 290,
  },
  {
    handle: 'goboi',
    taxCode: '4101594124',
    name: 'Hợp tác xã Nước mắm Gò Bồi',
    representative: 'Đặng Văn Tư',
    phone: '+842563831245',
    place: '21967', // xã Phước Hòa cũ → xã Tuy Phước Đông
    addressLine: 'Thôn Tùng Giản',
    description:
      'Làng nghề nước mắm Gò Bồi hơn trăm năm: cá cơm tươi ủ chượp với muối hạt trong thùng gỗ từ 12 đến 18 tháng, kéo rút nước nhĩ, không chất bảo quản.',
    status: CooperativeStatus.Approved,
    registeredDaysAgo: 350,
  },
  {
    handle: 'degi',
    taxCode: '4101770651',
    name: 'Hợp tác xã Chế biến Hải sản Đề Gi',
    representative: 'Huỳnh Văn Hải',
    phone: '+84983661704',
    place: '21862', // thị trấn Cát Khánh cũ → xã Đề Gi
    addressLine: 'Khu dân cư cảng cá Đề Gi',
    description: 'Ngư dân cảng cá Đề Gi làm nước mắm cá cơm, cá khô và mực khô từ hải sản đánh bắt trong ngày, phơi trên giàn lưới cao ráo, sạch cát.',
    status: CooperativeStatus.Approved,
    registeredDaysAgo: 270,
  },
  {
    handle: 'phugia',
    taxCode: '4101685237',
    name: 'Hợp tác xã Làng nghề Nón ngựa Phú Gia',
    representative: 'Nguyễn Thị Mỹ',
    phone: '+84935428190',
    place: '21892', // xã Cát Tường cũ, nay xã Xuân An
    addressLine: 'Thôn Phú Gia',
    description:
      'Nón ngựa và nón lá Phú Gia làm hoàn toàn bằng tay: chuốt vành tre, lợp lá, thêu chỉ màu và bịt đồng, bịt bạc theo mẫu của các nghệ nhân trong làng.',
    status: CooperativeStatus.Approved,
    registeredDaysAgo: 240,
  },
  {
    handle: 'tayson',
    taxCode: '4101719366',
    name: 'Hợp tác xã Nông nghiệp Tây Sơn',
    representative: 'Bùi Văn Nam',
    phone: '+842563880516',
    place: '21844', // xã Tây Xuân cũ → xã Tây Sơn
    addressLine: 'Thôn Hòa Hiệp',
    description: 'Vườn xoài, mít, bưởi bên sông Côn trồng theo quy trình VietGAP; hợp tác xã còn xay gạo thơm và làm bánh ít lá gai cho bà con xã viên.',
    status: CooperativeStatus.Approved,
    registeredDaysAgo: 220,
  },
  {
    handle: 'vancanh',
    taxCode: '4101561841',
    name: 'Hợp tác xã Nông lâm nghiệp Vân Canh',
    representative: 'Đinh Văn Khánh',
    phone: '+84868215734',
    place: '22006', // xã Canh Hiển cũ, nay xã Canh Vinh
    addressLine: 'Làng Hòa Hội',
    description: "Đồng bào Chăm H'roi và Ba Na nuôi ong dưới tán rừng, khai thác măng rừng theo mùa và dệt thổ cẩm trên khung dệt truyền thống.",
    status: CooperativeStatus.Approved,
    registeredDaysAgo: 180,
  },
  {
    handle: 'nhonly',
    taxCode: '4101816024',
    name: 'Hợp tác xã Dịch vụ Nghề cá Nhơn Lý',
    representative: 'Phan Văn Lợi',
    phone: '+84913476285',
    place: '21598', // xã Nhơn Lý cũ → phường Quy Nhơn Đông
    addressLine: 'Thôn Lý Hưng',
    description: 'Ngư dân Nhơn Lý làm mực một nắng, cá thu một nắng, chả cá và rong biển từ hải sản đánh bắt ven bờ Quy Nhơn, cấp đông ngay sau khi phơi.',
    status: CooperativeStatus.Approved,
    registeredDaysAgo: 150,
  },
  {
    handle: 'anhoa',
    taxCode: '4101802568',
    name: 'Hợp tác xã Nông nghiệp An Hòa',
    representative: 'Đinh Thị Mai',
    phone: '+84339872415',
    place: '21631', // xã An Quang cũ → xã An Hòa
    addressLine: 'Thôn 3',
    description: "Bà con H're hái trà dây và chuối hột rừng trên núi An Lão, phơi sấy tại xưởng của hợp tác xã.",
    status: CooperativeStatus.Submitted,
    registeredDaysAgo: 14,
  },
  {
    handle: 'myan',
    taxCode: '4101743584',
    name: 'Hợp tác xã Thủy sản Mỹ An',
    representative: 'Lê Thị Thu',
    phone: '+84772460918',
    place: '21751', // xã Mỹ An cũ, nay xã Phù Mỹ Đông
    addressLine: 'Thôn Tân Phụng',
    description: 'Phơi cá cơm than, làm ruốc khô và muối hột sạch trên bãi biển Mỹ An.',
    status: CooperativeStatus.Submitted,
    registeredDaysAgo: 9,
  },
  {
    handle: 'antuong',
    taxCode: '4101657906',
    name: 'Hợp tác xã Nông nghiệp Ân Tường Tây',
    representative: 'Trương Văn Lực',
    phone: '+84942318057',
    place: '21721', // xã Ân Tường Tây cũ → xã Ân Tường
    addressLine: 'Thôn Linh Chiểu',
    description: 'Đậu phộng, mè đen và dầu phộng ép mộc của nông dân vùng đồi Ân Tường.',
    status: CooperativeStatus.Draft,
    registeredDaysAgo: 3,
  },
];

/** The cooperative admin printed among the demo logins at start. */
const SHOWN_ADMIN = 'bauda';

const DAY = 24 * 60 * 60 * 1000;
/** Each admin's password hash (argon2, 64 MiB) is the slow part; two at a time use both cores of a small machine. */
const PARALLEL = 2;

const demoAdminEmail = (c: DemoCooperative) => `htx.${c.handle}@demo.nongsan.vn`;

/** The 'cooperatives' demo step: each cooperative with its admin, papers and verification timeline. */
@Injectable()
export class DemoCooperatives implements DemoSeedStep {
  readonly name = 'cooperatives';
  readonly logins = [{ role: Role.CoopAdmin, email: demoAdminEmail(DEMO_COOPERATIVES.find((c) => c.handle === SHOWN_ADMIN)!), password: DEMO_PASSWORD }];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly users: UsersService,
    private readonly units: AdminUnitsService,
    private readonly cooperatives: CooperativeBackfill,
  ) {}

  /** Keyed by tax code: a cooperative that exists is left as it is, whatever happened to it since. */
  async run(seed: DemoSeedRun): Promise<void> {
    const existing = new Set((await this.db.query<Array<{ tax_code: string }>>(`SELECT tax_code FROM cooperatives`)).map((c) => c.tax_code));
    const official = seed.logins.find((l) => l.role === Role.Official);
    const reviewer = official ? await this.users.findActiveByEmail(official.email) : null;
    const missing = DEMO_COOPERATIVES.filter((c) => !existing.has(c.taxCode));
    const work = async () => {
      for (let demo = missing.shift(); demo; demo = missing.shift()) await this.create(seed, demo, reviewer?.id ?? null);
    };
    await Promise.all(Array.from({ length: PARALLEL }, work));
  }

  private async create(seed: DemoSeedRun, demo: DemoCooperative, reviewerId: string | null): Promise<void> {
    const place = await this.units.resolveWard(demo.place);
    if (place.kind !== 'ward' && place.kind !== 'former-commune') throw new Error(`demo cooperative ${demo.handle}: ${demo.place} is not one ward`);
    const admin = await this.users.upsert({
      email: demoAdminEmail(demo),
      passwordHash: await seed.passwordHash(),
      fullName: demo.representative,
      roles: [Role.CoopAdmin],
    });
    const registeredAt = new Date(Date.now() - demo.registeredDaysAgo * DAY);
    const submittedAt = new Date(registeredAt.getTime() + 3 * DAY);
    await this.cooperatives.write({
      name: demo.name,
      taxCode: demo.taxCode,
      representative: demo.representative,
      phone: demo.phone,
      email: demoAdminEmail(demo),
      wardCode: place.ward.code,
      formerCommuneCode: place.kind === 'former-commune' ? place.formerCommuneCode : null,
      addressLine: demo.addressLine,
      description: demo.description,
      status: demo.status,
      adminUserId: admin.id,
      registeredAt,
      submittedAt,
      approvedAt: new Date(submittedAt.getTime() + 4 * DAY),
      reviewerId,
      registrationPaper: demo.status === CooperativeStatus.Draft ? null : { fileName: 'Giấy chứng nhận đăng ký hợp tác xã.pdf', pdf: registrationPaper(demo) },
    });
  }
}

/**
 * A one-page PDF standing in for the registration certificate. ASCII only: the standard Helvetica
 * every PDF reader has cannot show Vietnamese marks, and no font file is embedded.
 */
function registrationPaper(demo: DemoCooperative): Buffer {
  const ascii = (text: string) => slugify(text, 200).replace(/-/g, ' ').toUpperCase();
  const lines: Array<[number, string]> = [
    [16, 'GIAY CHUNG NHAN DANG KY HOP TAC XA'],
    [12, ascii(demo.name)],
    [12, `MA SO HOP TAC XA: ${demo.taxCode}`],
    [12, `NGUOI DAI DIEN: ${ascii(demo.representative)}`],
    [10, 'BAN MINH HOA - DU LIEU DEMO NONG SAN'],
  ];
  const content = lines.map(([size, text], i) => `BT /F1 ${size} Tf 72 ${770 - i * 30} Td (${text}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const offset = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'ascii');
}
