import { CustomerDto } from './customer.dto';
import { CustomerEntity } from './customer.entity';

export function toCustomerDto(customer: CustomerEntity): CustomerDto {
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    address: customer.address,
    taxId: customer.taxId,
    currency: customer.currency,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
  };
}
