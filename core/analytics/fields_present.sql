-- Which optional order fields the loaded file fills (issue #11): a view the file cannot answer is hidden.
-- One row; a field counts as present when at least one order line has a value in it. `profit` is filled
-- from amount - cost when only cost was mapped.
select
    count(customer_name) > 0 as customer_name,
    count(order_id) > 0 as order_id,
    count(product) > 0 as product,
    count(category) > 0 as category,
    count(quantity) > 0 as quantity,
    count(unit_price) > 0 as unit_price,
    count(cost) > 0 as cost,
    count(profit) > 0 as profit,
    count(region) > 0 as region,
    count(province) > 0 as province,
    count(city) > 0 as city,
    count(industry) > 0 as industry,
    count(customer_type) > 0 as customer_type,
    count(account_manager) > 0 as account_manager,
    count(team) > 0 as team,
    count(channel) > 0 as channel,
    count(satisfaction) > 0 as satisfaction,
    count(referrals) > 0 as referrals
from orders
