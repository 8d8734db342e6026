-- docker-compose.yml: one database and one user per service, as in Aurora.
CREATE USER orders WITH PASSWORD 'orders';
CREATE DATABASE orders OWNER orders;
CREATE USER shipping WITH PASSWORD 'shipping';
CREATE DATABASE shipping OWNER shipping;
