CREATE TABLE django_migrations (id serial PRIMARY KEY, app varchar(255) NOT NULL, name varchar(255) NOT NULL, applied timestamptz NOT NULL);
INSERT INTO django_migrations (app, name, applied) VALUES ('django_th', '0013_auto_20171111_1238', now());
CREATE TABLE django_session (session_key varchar(40) PRIMARY KEY, session_data text NOT NULL, expire_date timestamptz NOT NULL);
CREATE TABLE auth_user (
  id serial PRIMARY KEY, password varchar(128) NOT NULL, last_login timestamptz NULL, is_superuser boolean NOT NULL,
  username varchar(150) NOT NULL UNIQUE, first_name varchar(30) NOT NULL, last_name varchar(150) NOT NULL,
  email varchar(254) NOT NULL, is_staff boolean NOT NULL, is_active boolean NOT NULL, date_joined timestamptz NOT NULL);
CREATE TABLE django_th_servicesactivated (
  id serial PRIMARY KEY, name varchar(200) NOT NULL UNIQUE, status boolean NOT NULL, auth_required boolean NOT NULL,
  description varchar(200) NOT NULL, self_hosted boolean NOT NULL);
CREATE TABLE django_th_userservice (
  id serial PRIMARY KEY, token varchar(255) NOT NULL,
  name_id varchar(200) NOT NULL CONSTRAINT django_th_userservic_name_id_e7bc6ac0_fk_django_th REFERENCES django_th_servicesactivated (name) DEFERRABLE INITIALLY DEFERRED,
  user_id integer NOT NULL CONSTRAINT django_th_userservice_user_id_7e5a6e6f_fk_auth_user_id REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED,
  client_id varchar(255) NOT NULL, client_secret varchar(255) NOT NULL, host varchar(200) NOT NULL, password varchar(128) NOT NULL,
  username varchar(255) NOT NULL, duration varchar(1) NOT NULL, counter_ok integer NOT NULL, counter_ko integer NOT NULL);
CREATE INDEX django_th_userservice_name_id_e7bc6ac0 ON django_th_userservice (name_id);
CREATE INDEX django_th_userservice_user_id_7e5a6e6f ON django_th_userservice (user_id);
CREATE TABLE django_th_triggerservice (
  id serial PRIMARY KEY, description varchar(200) NOT NULL, date_created date NOT NULL, date_triggered timestamptz NULL,
  status boolean NOT NULL,
  provider_id integer NOT NULL REFERENCES django_th_userservice (id) DEFERRABLE INITIALLY DEFERRED,
  consumer_id integer NOT NULL REFERENCES django_th_userservice (id) DEFERRABLE INITIALLY DEFERRED,
  user_id integer NOT NULL REFERENCES auth_user (id) DEFERRABLE INITIALLY DEFERRED,
  date_result timestamptz NULL, result varchar(255) NOT NULL, provider_failed integer NOT NULL, consumer_failed integer NOT NULL,
  counter_ok integer NOT NULL, counter_ko integer NOT NULL);
CREATE INDEX django_th_triggerservice_provider_failed_3c4a3e4e ON django_th_triggerservice (provider_failed);
CREATE INDEX django_th_triggerservice_consumer_failed_9b6c1c33 ON django_th_triggerservice (consumer_failed);
CREATE TABLE django_th_rss (
  id serial PRIMARY KEY, name varchar(255) NOT NULL, status boolean NOT NULL, description varchar(255) NOT NULL,
  url varchar(255) NOT NULL,
  trigger_id integer NOT NULL REFERENCES django_th_triggerservice (id) DEFERRABLE INITIALLY DEFERRED,
  uuid uuid NOT NULL CONSTRAINT django_th_rss_uuid_1dfcb6a6_uniq UNIQUE);
CREATE TABLE django_th_evernote (
  id serial PRIMARY KEY, name varchar(255) NOT NULL, status boolean NOT NULL, description varchar(255) NOT NULL,
  tag varchar(80) NOT NULL, notebook varchar(80) NOT NULL, title varchar(80) NOT NULL, text text NOT NULL,
  trigger_id integer NOT NULL REFERENCES django_th_triggerservice (id) DEFERRABLE INITIALLY DEFERRED);
INSERT INTO django_th_servicesactivated (name, status, auth_required, description, self_hosted) VALUES
  ('ServiceRss', true, false, 'RSS', false), ('ServiceEvernote', true, true, 'Evernote', false);
