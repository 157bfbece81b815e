import units from '../../libs/core/src/admin-units/data/admin-units-gia-lai-52.json' with { type: 'json' };

/**
 * The places the carrier fakes know, as the carriers still key them: the three-level units
 * abolished on 2025-07-01 (province → district → commune). Taken from the former Bình Định
 * districts and communes in our administrative-units file, named the way carriers write them
 * ("Huyện Tây Sơn", "Thị trấn Phú Phong").
 */
export interface FormerPlace {
  provinceName: string;
  districtCode: string;
  districtName: string;
  /** The district's name without its kind ("Tây Sơn"), as GHN lists among its other spellings. */
  districtBareName: string;
  communeCode: string;
  communeName: string;
  communeBareName: string;
}

const titled = (type: string, name: string) => `${type.charAt(0).toUpperCase()}${type.slice(1)} ${name}`;

export function formerPlaces(): FormerPlace[] {
  const districts = new Map(units.formerDistricts.map((d) => [d.code, d]));
  return units.formerCommuneToWard.map((c) => {
    const district = districts.get(c.oldDistrictCode)!;
    return {
      provinceName: district.formerProvince,
      districtCode: district.code,
      districtName: titled(district.type, district.name),
      districtBareName: district.name,
      communeCode: c.oldCode,
      communeName: titled(c.oldType, c.oldName),
      communeBareName: c.oldName,
    };
  });
}

/** How the fakes compare a place name they are sent: case and spacing do not matter, diacritics do. */
export const samePlaceName = (a: string, b: string) =>
  a.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ') === b.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
