import { ppmToPercentage } from '../money/decimals';
import { TaxRateDto } from './tax-rate.dto';
import { TaxRateEntity } from './tax-rate.entity';

export function toTaxRateDto(rate: TaxRateEntity): TaxRateDto {
  return {
    id: rate.id,
    name: rate.name,
    percentage: ppmToPercentage(rate.ratePpm),
    inclusive: rate.inclusive,
    active: rate.active,
    createdAt: rate.createdAt,
    updatedAt: rate.updatedAt,
  };
}
