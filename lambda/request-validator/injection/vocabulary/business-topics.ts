/** The errands business text gives instructions about, and the words that tie an instruction noun to one (business-topics.ts). */
export const TOPICS: readonly string[] = [
  // en
  'delivery', 'deliveries', 'shipping', 'shipment', 'dispatch', 'billing', 'invoicing', 'invoice', 'invoices', 'payment',
  'payments', 'order', 'orders', 'address', 'parcel', 'parcels', 'package', 'packaging', 'pickup', 'collection', 'returns',
  'refund', 'refunds', 'account', 'booking', 'reservation', 'expense', 'expenses', 'dosing', 'dosage', 'medication',
  'washing', 'assembly', 'installation', 'parking', 'checkout', 'check-in', 'wake-up', 'payroll', 'travel', 'handover',
  'courier', 'driver', 'packing', 'statements', 'statement', 'subscription', 'renewal', 'tariff', 'contract',
  // es, pt, fr, it, de, nl, pl, ru, sv, tr
  'entrega', 'envío', 'facturación', 'factura', 'pago', 'pagos', 'pedido', 'dirección', 'cuenta', 'reserva', 'devolución',
  'faturamento', 'faturação', 'fatura', 'pagamento', 'endereço', 'morada', 'conta',
  'livraison', 'expédition', 'facturation', 'facture', 'paiement', 'commande', 'adresse', 'compte', 'retour',
  'spedizione', 'consegna', 'fatturazione', 'fattura', 'ordine', 'indirizzo', 'conto', 'prenotazione', 'reso', 'ritiro',
  'lieferung', 'versand', 'rechnungsstellung', 'rechnung', 'zahlung', 'bestellung', 'konto', 'buchung', 'rücksendung',
  'zustellung', 'abrechnung', 'levering', 'bezorging', 'verzending', 'facturatie', 'betaling', 'bestelling', 'adres',
  'dostawy', 'dostawa', 'dostawie', 'wysyłki', 'płatności', 'zamówienia', 'adresu', 'faktury', 'доставке', 'доставки',
  'доставка', 'оплате', 'оплаты', 'заказу', 'заказа', 'адресу', 'отправке', 'leverans', 'frakt', 'betalning',
  'beställning', 'adress', 'fakturering', 'teslimat', 'ödeme', 'sipariş', ];
/** Words that may sit between the noun and its topic: prepositions, articles, possessives, "previous". */
export const CONNECTORS: readonly string[] = [
  'on', 'for', 'about', 'regarding', 're', 'of', 'to', 'the', 'a', 'an', 'my', 'our', 'his', 'her', 'their', 'this', 'that',
  'previous', 'old', 'earlier', 'prior', 'file', 'de', 'del', 'la', 'el', 'las', 'los', 'sobre', 'para', 'da', 'do', 'das', 'dos',
  'du', 'des', 'sur', 'pour', 'le', 'les', 'di', 'della', 'delle', 'sulla', 'sulle', 'sul', 'per', 'il', 'lo', 'zur', 'zum',
  'für', 'über', 'der', 'die', 'den', 'zu', 'voor', 'over', 'bij', 'het', 'по', 'о', 'для', 'om',
  'anteriores', 'anterior', 'précédentes', 'précédents', 'precedenti', 'vorherigen', 'früheren', 'poprzednie',
  'предыдущие', 'прежние', 'tidigare', 'vorige', 'eerdere',
];
