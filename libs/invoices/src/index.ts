export * from './entities';
export * from './invoices.module';
export * from './invoices/invoices.service';
