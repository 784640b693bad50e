-- Finding a child by name and birth date starts from the children born that day (about a thousand in the country).
CREATE INDEX children_by_birth_date ON gateway.children (birth_date);
