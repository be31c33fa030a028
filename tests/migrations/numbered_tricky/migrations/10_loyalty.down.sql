DROP TABLE loyalty_cards;
